import type { Logger } from 'pino';
import { describe, expect, it, vi } from 'vitest';
import { ChatAdmission } from '../../../../src/core/chat/chat-admission.ts';

function recordingLogger() {
  const lines: { level: string; obj: Record<string, unknown>; msg: string }[] = [];
  const at = (level: string) => (obj: Record<string, unknown>, msg: string) => void lines.push({ level, obj, msg });
  return { lines, logger: { warn: at('warn'), error: at('error'), info: at('info') } as unknown as Logger };
}

/** Work that finishes when told to, recording when it started. */
function gate(started: string[], name: string) {
  let finish: () => void = () => undefined;
  const done = new Promise<void>((r) => { finish = r; });
  return { work: async () => { started.push(name); await done; }, finish };
}

const tick = () => new Promise((r) => setImmediate(r));

describe('ChatAdmission', () => {
  it('works on maxInFlight, lines up maxQueued in arrival order, refuses the rest, and starts the next as each ends', async () => {
    const { logger } = recordingLogger();
    const a = new ChatAdmission({ maxInFlight: 2, maxQueued: 2, logger });
    const started: string[] = [];
    const work = ['a', 'b', 'c', 'd'].map((n) => gate(started, n));
    const tickets = work.map(() => a.admit('slack'));
    expect(tickets.every((t) => t !== null)).toBe(true);
    expect(a.admit('discord')).toBeNull();
    const settled = tickets.map((t, i) => t!.run(work[i]!.work));
    await tick();
    expect(started).toEqual(['a', 'b']);
    expect(a.stats()).toMatchObject({ inFlight: 2, queued: 2, accepted: 4, refusedBusy: 1, peakQueued: 2 });
    work[1]!.finish();
    await settled[1];
    await tick();
    expect(started).toEqual(['a', 'b', 'c']);
    for (const w of work) w.finish();
    await Promise.all(settled);
    expect(a.stats()).toMatchObject({ inFlight: 0, queued: 0, completed: 4, failed: 0 });
    expect(a.admit('slack')).not.toBeNull();
  });

  it('gives back a place never used (its spot in line, or its slot) and ignores release once the work started', async () => {
    const { logger } = recordingLogger();
    const a = new ChatAdmission({ maxInFlight: 1, maxQueued: 1, logger });
    const first = a.admit('slack')!;
    const second = a.admit('slack')!;
    second.release();
    expect(a.stats()).toMatchObject({ inFlight: 1, queued: 0 });
    const started: string[] = [];
    const g = gate(started, 'first');
    const done = first.run(g.work);
    first.release();
    expect(a.stats().inFlight).toBe(1);
    g.finish();
    await done;
    expect(a.stats()).toMatchObject({ inFlight: 0, completed: 1 });
  });

  it('frees a place whose answer was never sent after unusedPlaceMs, with a warning', () => {
    vi.useFakeTimers();
    const { logger, lines } = recordingLogger();
    const a = new ChatAdmission({ maxInFlight: 1, maxQueued: 0, logger, unusedPlaceMs: 20 });
    expect(a.admit('discord')).not.toBeNull();
    expect(a.admit('discord')).toBeNull();
    vi.advanceTimersByTime(19);
    expect(a.stats().inFlight).toBe(1);
    vi.advanceTimersByTime(1);
    vi.useRealTimers();
    expect(a.stats().inFlight).toBe(0);
    expect(lines.some((l) => l.level === 'warn' && l.msg.includes('given back unused'))).toBe(true);
  });

  it('counts work that throws as failed, logs it, and still frees the place', async () => {
    const { logger, lines } = recordingLogger();
    const a = new ChatAdmission({ maxInFlight: 1, maxQueued: 0, logger });
    await a.admit('slack')!.run(async () => { throw new Error('boom'); });
    expect(a.stats()).toMatchObject({ inFlight: 0, failed: 1, completed: 0 });
    expect(lines.find((l) => l.level === 'error')?.obj).toMatchObject({ platform: 'slack', err: 'boom' });
  });

  it('warns about refusals at most once per warnEveryMs, counting the ones in between', () => {
    const { logger, lines } = recordingLogger();
    const a = new ChatAdmission({ maxInFlight: 1, maxQueued: 0, logger, warnEveryMs: 60_000 });
    a.admit('slack');
    for (let i = 0; i < 50; i++) expect(a.admit('slack')).toBeNull();
    const warnings = lines.filter((l) => l.level === 'warn');
    expect(warnings).toHaveLength(1);
    expect(warnings[0]!.obj).toMatchObject({ refused: 1, refusedTotal: 1, inFlight: 1, maxInFlight: 1 });
    expect(a.stats().refusedBusy).toBe(50);
  });

  it('tells how long a ticket waited in line: zero for a free place, the time until its place came otherwise', async () => {
    vi.useFakeTimers();
    try {
      const a = new ChatAdmission({ maxInFlight: 1, maxQueued: 1, logger: recordingLogger().logger });
      const first = a.admit('slack')!;
      const second = a.admit('slack')!;
      const started: string[] = [];
      const hold = gate(started, 'first');
      void first.run(hold.work);
      void second.run(async () => undefined);
      await vi.advanceTimersByTimeAsync(2600);
      expect(first.waitedMs()).toBe(0);
      expect(second.waitedMs()).toBe(2600); // still waiting: counts up
      hold.finish();
      await vi.advanceTimersByTimeAsync(0);
      await vi.advanceTimersByTimeAsync(1000);
      expect(second.waitedMs()).toBe(2600); // started: fixed at the wait it had
    } finally {
      vi.useRealTimers();
    }
  });
});
