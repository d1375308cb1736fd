import { describe, expect, it } from 'vitest';
import { matchesEventFilter } from '../../../../src/core/webhooks/event-filter.ts';
import { webhookInputSchema } from '../../../../src/core/webhooks/webhook-input.ts';

describe('webhook input', () => {
  it('applies defaults', () => {
    expect(webhookInputSchema.parse({ name: 'ops', url: 'https://hooks.example.com/x' })).toEqual({
      name: 'ops', url: 'https://hooks.example.com/x', method: 'POST', events: [], active: true, headers: {},
    });
  });

  it('refuses unknown events, header injection and headers NetOps sets itself', () => {
    const bad = (extra: object) => webhookInputSchema.safeParse({ name: 'ops', url: 'https://x.example/', ...extra });
    expect(bad({ events: ['run.exploded'] }).error?.issues[0]?.path).toEqual(['events', 0]);
    expect(bad({ headers: { 'X-A': 'ok\r\nX-Evil: 1' } }).success).toBe(false);
    expect(bad({ headers: { 'X-NetOps-Signature': 'sha256=forged' } }).success).toBe(false);
    expect(bad({ headers: { Host: 'internal' } }).success).toBe(false);
    expect(bad({ secret: 'short' }).success).toBe(false);
    expect(bad({ events: ['execution.*', 'run.completed'], headers: { Authorization: 'Bearer abc' } }).success).toBe(true);
  });

  it('matches subscriptions: empty = all, exact names and group.* patterns', () => {
    expect(matchesEventFilter([], 'device.config_changed')).toBe(true);
    expect(matchesEventFilter(['run.completed'], 'run.completed')).toBe(true);
    expect(matchesEventFilter(['run.completed'], 'run.requested')).toBe(false);
    expect(matchesEventFilter(['execution.*'], 'execution.failed')).toBe(true);
    expect(matchesEventFilter(['execution.*'], 'run.started')).toBe(false);
  });
});
