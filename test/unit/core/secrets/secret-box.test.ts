import { describe, expect, it } from 'vitest';
import { createSecretBox, maskSecrets } from '../../../../src/core/secrets/secret-box.ts';

describe('secret box', () => {
  const box = createSecretBox('k'.repeat(40));

  it('round-trips and never stores the clear text', () => {
    const sealed = box.encrypt('enable-s3cret');
    expect(sealed).toMatch(/^v1:/);
    expect(sealed).not.toContain('enable-s3cret');
    expect(box.decrypt(sealed)).toBe('enable-s3cret');
    expect(box.encrypt('enable-s3cret')).not.toBe(sealed); // fresh IV each time
  });

  it('refuses a tampered envelope or a different key with CONFIG_INVALID', () => {
    const sealed = box.encrypt('pw');
    const parts = sealed.split(':');
    parts[3] = Buffer.from('tampered').toString('base64');
    expect(() => box.decrypt(parts.join(':'))).toThrow(/NETOPS_SECRET_KEY/);
    expect(() => createSecretBox('z'.repeat(40)).decrypt(sealed)).toThrow(expect.objectContaining({ code: 'CONFIG_INVALID' }));
  });

  it('masks every configured secret of 4+ characters', () => {
    expect(maskSecrets('Password: hunter22\nenable abc hunter22', ['hunter22', 'abc', null])).toBe('Password: ********\nenable abc ********');
  });
});
