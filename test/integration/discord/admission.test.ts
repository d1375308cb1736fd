import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BUSY_TEXT } from '../../../src/core/chat/chat-admission.ts';
import { ALICE, DiscordHarness } from './helpers/discord-harness.ts';
import { APP_ID, CHANNEL_ID, commandInteraction } from './helpers/interactions.ts';

const IN_FLIGHT = 2;
const QUEUED = 3;
const SENT = 10;

describe('Discord admission control: a full web process refuses /netops commands honestly', () => {
  const h = new DiscordHarness();
  const runKeys = async () => new Set((await h.t.ctx.db.prisma.run.findMany({ where: { source: 'discord' }, select: { idempotencyKey: true } })).map((r) => r.idempotencyKey));

  beforeAll(async () => {
    // No worker: runs stay queued, so the only run messages are the follow-ups' own.
    await h.start({ worker: false, env: { CHAT_MAX_IN_FLIGHT: String(IN_FLIGHT), CHAT_MAX_QUEUED: String(QUEUED) } });
  }, 60_000);
  afterAll(async () => h.close());

  it(`defers ${IN_FLIGHT + QUEUED} commands and answers the other ${SENT - IN_FLIGHT - QUEUED} with an ephemeral "busy, nothing was run"; only the deferred ones become runs`, async () => {
    // Discord is slow to take run messages: the first commands hold their places until released.
    const release = h.discord.hold((method, path) => method === 'POST' && path === `/channels/${CHANNEL_ID}/messages`);
    const interactions = Array.from({ length: SENT }, (_, i) => commandInteraction('run', { workflow: 'show-version', target: `lab-ios-${(i % 3) + 1}` }, ALICE));
    const answers = await Promise.all(interactions.map((i) => h.post(i)));
    expect(answers.map((a) => a.statusCode)).toEqual(Array(SENT).fill(200));

    const deferred = answers.flatMap((a, i) => (a.json<{ type: number }>().type === 5 ? [i] : []));
    const busy = answers.flatMap((a, i) => (a.json<{ type: number }>().type === 4 ? [i] : []));
    expect(deferred).toHaveLength(IN_FLIGHT + QUEUED);
    expect(busy).toHaveLength(SENT - IN_FLIGHT - QUEUED);
    for (const i of busy) {
      expect(answers[i]!.json()).toEqual({ type: 4, data: { content: `⏳ ${BUSY_TEXT}`, flags: 64, allowed_mentions: { parse: [] } } });
    }
    const ready = (await h.app.inject({ method: 'GET', url: '/readyz' })).json<{ chat: Record<string, number> }>();
    expect(ready.chat).toMatchObject({ inFlight: IN_FLIGHT, queued: QUEUED, refusedBusy: SENT - IN_FLIGHT - QUEUED });

    release();
    for (const i of deferred) await h.originalEdit(interactions[i]!);
    const keys = await runKeys();
    expect(keys.size).toBe(IN_FLIGHT + QUEUED);
    for (const i of deferred) expect(keys.has(`discord:${String(interactions[i]!.id)}`)).toBe(true);
    for (const i of busy) expect(keys.has(`discord:${String(interactions[i]!.id)}`)).toBe(false);
    // A refused interaction was answered in full by its response: nothing edits or follows it up later.
    const touched = (i: number) => h.discord.calls.some((c) => c.path.startsWith(`/webhooks/${APP_ID}/${String(interactions[i]!.token)}`));
    expect(busy.filter(touched)).toEqual([]);
    expect(h.runMessagePosts()).toHaveLength(IN_FLIGHT + QUEUED);
  }, 60_000);
});
