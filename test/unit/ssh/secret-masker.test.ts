import { describe, expect, it } from 'vitest';
import { createSecretMasker } from '../../../src/ssh/index.ts';

describe('createSecretMasker', () => {
  it('replaces every occurrence of every secret of 4+ characters', () => {
    const masker = createSecretMasker(['s3cret!', 'abc', undefined, 'enable-me']);
    expect(masker.mask('pw s3cret! and s3cret! enable enable-me, abc stays')).toBe('pw ******** and ******** enable ********, abc stays');
  });

  it('masks the longest secret first when one contains another', () => {
    const masker = createSecretMasker(['pass', 'password123']);
    expect(masker.mask('password123 pass')).toBe('******** ********');
  });

  it('treats regex characters in secrets literally', () => {
    const masker = createSecretMasker(['a.b*c(d)']);
    expect(masker.mask('a.b*c(d) axbbc(d)')).toBe('******** axbbc(d)');
  });

  it('masks strings inside error details, deeply, without touching other values', () => {
    const masker = createSecretMasker(['hunter22']);
    expect(masker.maskValue({ lastOutput: 'x hunter22', nested: [{ n: 1, s: 'hunter22' }], ok: true })).toEqual({
      lastOutput: 'x ********',
      nested: [{ n: 1, s: '********' }],
      ok: true,
    });
    expect(masker.longest).toBe(8);
  });

  it('is a no-op without secrets', () => {
    expect(createSecretMasker([]).mask('anything')).toBe('anything');
  });
});
