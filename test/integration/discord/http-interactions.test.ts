import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getRunDetail } from '../../../src/core/runs/get-run-detail.ts';
import { waitForRun } from '../../helpers/test-app.ts';
import { ALICE, BOB, buttonsOf, DiscordHarness, embedsOf, RAY, RITA, VIC } from './helpers/discord-harness.ts';
import { APP_ID, buttonInteraction, CHANNEL_ID, commandInteraction, discordKeys, modalSubmitInteraction, signedHeaders, type Clicker } from './helpers/interactions.ts';

describe('Discord HTTP interactions', () => {
  const h = new DiscordHarness();
  const post = (payload: Record<string, unknown>, headers?: Record<string, string>) => h.post(payload, headers);
  const originalEdit = (i: Record<string, unknown>) => h.originalEdit(i);
  const followUpTo = (i: Record<string, unknown>) => h.followUpTo(i);
  const requestRun = (options: Record<string, string | boolean>, who?: Clicker) => h.requestRun(options, who);

  beforeAll(async () => {
    await h.start();
  });
  afterAll(async () => h.close());

  it('answers PING with PONG', async () => {
    const res = await post({ id: '1', application_id: APP_ID, type: 1, token: 'x', version: 1 });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ type: 1 });
  });

  it('refuses bad, missing, stale or replayed-on-other-body signatures with 401 and does nothing', async () => {
    const runsBefore = (await h.t.ctx.runs.list({}, { page: 1, perPage: 1 })).total;
    const callsBefore = h.discord.calls.length;
    const interaction = commandInteraction('run', { workflow: 'show-version', target: 'lab-ios-1' }, ALICE);
    const body = JSON.stringify(interaction);
    const good = signedHeaders(h.keys.privateKey, body);
    const other = discordKeys();
    const cases: Record<string, string>[] = [
      { 'content-type': 'application/json' },
      { ...good, 'x-signature-ed25519': '00'.repeat(64) },
      signedHeaders(other.privateKey, body),
      signedHeaders(h.keys.privateKey, body, String(Math.floor(Date.now() / 1000) - 3600)),
      { ...good, 'x-signature-timestamp': String(Number(good['x-signature-timestamp']) + 1) },
    ];
    for (const headers of cases) {
      const res = await h.app.inject({ method: 'POST', url: '/discord/interactions', payload: body, headers });
      expect(res.statusCode).toBe(401);
    }
    // the signature covers the exact bytes: the same headers on a changed body fail
    const tampered = await h.app.inject({ method: 'POST', url: '/discord/interactions', payload: body.replace('show-version', 'add-loopback'), headers: good });
    expect(tampered.statusCode).toBe(401);
    await new Promise((r) => setImmediate(r));
    expect((await h.t.ctx.runs.list({}, { page: 1, perPage: 1 })).total).toBe(runsBefore);
    expect(h.discord.calls.length).toBe(callsBefore);
  });

  it('suggests workflows, devices, target terms and a workflow\'s param names', async () => {
    const ask = async (options: Record<string, string>, focused: string, sub = 'run') => {
      const res = await post(commandInteraction(sub, options, ALICE, focused));
      expect(res.statusCode).toBe(200);
      const json = res.json() as { type: number; data: { choices: { name: string; value: string }[] } };
      expect(json.type).toBe(8);
      return json.data.choices;
    };
    expect((await ask({ workflow: 'add' }, 'workflow')).map((c) => c.value)).toEqual(['add-loopback']);
    expect((await ask({ workflow: '' }, 'workflow')).map((c) => c.value).sort()).toEqual(['add-loopback', 'linux-uname', 'show-facts', 'show-version']);
    const targets = await ask({ workflow: 'show-version', target: 'lab-ios-1, lab' }, 'target');
    expect(targets.map((c) => c.value)).toEqual(['lab-ios-1,lab-ios-2', 'lab-ios-1,lab-ios-3', 'lab-ios-1,tag:lab', 'lab-ios-1,site:lab']);
    expect((await ask({ workflow: 'show-version', target: 'tag:' }, 'target')).map((c) => c.value)).toEqual(['tag:lab']);
    const params = await ask({ workflow: 'add-loopback', target: 'lab-ios-1', params: '' }, 'params');
    expect(params.map((c) => c.value)).toEqual(['number=', 'description=']);
    expect(params[0]?.name).toMatch(/number= — required, an integer from 0 to 2147483647/);
    expect((await ask({ workflow: 'add-loopback', params: 'number=5 ' }, 'params')).map((c) => c.value)).toEqual(['number=5 description=']);
    expect((await ask({ device: 'lab-ios-3' }, 'device', 'history')).map((c) => c.value)).toEqual(['lab-ios-3']);
  });

  it('runs a workflow: deferred reply, run message with the bot token, a thread, one post per stage, final edit', async () => {
    const { edit, message, thread, runId, threadId, messageId } = await requestRun({ workflow: 'show-version', target: 'lab-ios-1' });
    expect(message.authorization).toBe('Bot fake-bot-token');
    expect(embedsOf(message)[0]?.title).toMatch(/^Run #\d+ · show-version$/);
    expect(buttonsOf(message)).toEqual([]); // no approval: no buttons
    expect(thread.path).toBe(`/channels/${CHANNEL_ID}/messages/${messageId}/threads`);
    expect(thread.authorization).toBe('Bot fake-bot-token');
    expect((edit.body as { content: string }).content).toContain(`https://discord.com/channels/`);
    expect(edit.authorization).toBeNull(); // interaction webhooks use the interaction token, not the bot token

    expect(await waitForRun(h.t, runId)).toBe('succeeded');
    await h.discord.waitFor((c) => c.method === 'POST' && c.path === `/channels/${threadId}/messages` && JSON.stringify(c.body).includes('succeeded'));
    const titles = h.threadPosts(threadId).map((c) => embedsOf(c)[0]?.title ?? '');
    expect(titles.filter((x) => x.includes('pre_check'))).toEqual(['✅ pre_check passed · lab-ios-1']);
    expect(titles.filter((x) => x.includes('implementation'))).toEqual(['✅ implementation passed · lab-ios-1']);
    expect(titles.filter((x) => x.includes('post_check'))).toEqual(['✅ post_check passed · lab-ios-1']);
    expect(titles).toHaveLength(4); // three stages and the final post
    expect(JSON.stringify(h.threadPosts(threadId)[1]?.body)).toContain('Cisco IOS Software'); // the implementation's output
    const edits = await h.discord.waitFor((c) => c.method === 'PATCH' && c.path === `/channels/${CHANNEL_ID}/messages/${messageId}` && (embedsOf(c)[0]?.description ?? '').includes('Succeeded'));
    expect(edits.authorization).toBe('Bot fake-bot-token');
    expect((await h.t.ctx.runs.get({ id: runId }))?.source).toBe('discord');
  });

  it('approval: the requester and a viewer are refused, an approver approves, the buttons end disabled', async () => {
    // requested by an approver (by Discord role), so only four-eyes stops them approving it themselves
    const { message, runId, threadId, messageId } = await requestRun({ workflow: 'add-loopback', target: 'lab-ios-2', params: 'number=120 description="from discord"' }, RITA);
    const suggested = await post(commandInteraction('approve', { run: '' }, BOB, 'run'));
    expect(suggested.json().data.choices[0]).toMatchObject({ name: expect.stringMatching(/^#\d+ add-loopback on lab-ios-2 · pending_approval · discord:/) });
    const buttons = buttonsOf(message);
    expect(buttons.map((b) => [b.label, b.custom_id, b.disabled])).toEqual([
      ['Approve', `netops:approve:${runId}`, false], ['Reject', `netops:reject:${runId}`, false],
    ]);
    expect(JSON.stringify(embedsOf(message))).toContain('interface Loopback120'); // what the approver agrees to

    const click = async (who: Clicker) => {
      const interaction = buttonInteraction(`netops:approve:${runId}`, who, messageId);
      const res = await post(interaction);
      expect(res.json()).toEqual({ type: 6 }); // acknowledged at once
      return (await followUpTo(interaction)).body as { content: string; flags: number };
    };
    const self = await click(RITA);
    expect(self.flags).toBe(64);
    expect(self.content).toMatch(/four-eyes/);
    expect((await click(ALICE)).content).toMatch(/alice has role operator; approving a run needs approver/);
    const viewer = await click(VIC);
    expect(viewer).toMatchObject({ flags: 64 });
    expect(viewer.content).toMatch(/role viewer; approving a run needs approver/);
    const dmClick = buttonInteraction(`netops:approve:${runId}`, { ...BOB, inGuild: false }, messageId);
    expect((await post(dmClick)).json().type).toBe(6);
    expect(((await followUpTo(dmClick)).body as { content: string }).content).toMatch(/server channels, not in direct messages/);
    expect((await h.t.ctx.runs.get({ id: runId }))?.status).toBe('pending_approval');

    const ok = await click(BOB);
    expect(ok.content).toMatch(/approved/);
    expect(await waitForRun(h.t, runId)).toBe('succeeded');
    expect(h.t.lab.device('lab-ios-2').commandLog.join('\n')).toContain('description from discord');
    const disabled = await h.discord.waitFor((c) => c.method === 'PATCH' && c.path === `/channels/${CHANNEL_ID}/messages/${messageId}` && buttonsOf(c).some((b) => b.label === 'Approved by bob'));
    expect(buttonsOf(disabled).every((b) => b.disabled)).toBe(true);
    expect(JSON.stringify(embedsOf(disabled))).toContain('Approved by **bob**');
    await h.discord.waitFor((c) => c.path === `/channels/${threadId}/messages` && JSON.stringify(c.body).includes('succeeded'));
    const stageTitles = h.threadPosts(threadId).map((c) => embedsOf(c)[0]?.title ?? '').filter((x) => / · lab-ios-2$/.test(x));
    expect(stageTitles).toEqual(['✅ pre_check passed · lab-ios-2', '✅ implementation passed · lab-ios-2', '✅ post_check passed · lab-ios-2']);
    // a late second click is told who decided
    const late = await click(RAY);
    expect(late.content).toMatch(/by bob/);
  });

  it('rejects through the Reject button\'s modal, for approvers only', async () => {
    const { runId, threadId, messageId } = await requestRun({ workflow: 'add-loopback', target: 'lab-ios-3', params: 'number=7' });
    const decider = `discord:${RITA.userId}`;
    const byViewer = await post(buttonInteraction(`netops:reject:${runId}`, VIC, messageId));
    expect(byViewer.json()).toMatchObject({ type: 4, data: { flags: 64 } });
    const open = await post(buttonInteraction(`netops:reject:${runId}`, RITA, messageId));
    expect(open.json()).toMatchObject({ type: 9, data: { custom_id: `netops:reject:${runId}` } });
    const submit = modalSubmitInteraction(`netops:reject:${runId}`, { reason: 'wrong loopback' }, RITA);
    expect((await post(submit)).json()).toEqual({ type: 5, data: { flags: 64 } });
    expect(((await originalEdit(submit)).body as { content: string }).content).toMatch(/rejected/);
    const run = await h.t.ctx.runs.get({ id: runId });
    expect(run).toMatchObject({ status: 'rejected', decisionComment: 'wrong loopback', decidedByName: 'discord:444444444444444444' }); // kept even with no NetOps user
    // RITA is no NetOps user: the message still names who decided
    const edit = await h.discord.waitFor((c) => c.method === 'PATCH' && c.path === `/channels/${CHANNEL_ID}/messages/${messageId}` && buttonsOf(c).some((b) => b.label === `Rejected by ${decider}`));
    expect(buttonsOf(edit).every((b) => b.disabled)).toBe(true);
    const final = await h.discord.waitFor((c) => c.path === `/channels/${threadId}/messages` && JSON.stringify(c.body).includes('wrong loopback'));
    expect(embedsOf(final)[0]?.title).toMatch(/rejected/);
    expect(embedsOf(final)[0]?.description).toContain(`Rejected by **${decider}**: wrong loopback`);
  });

  it('answers errors privately and precisely, with the Discord usage', async () => {
    const bad = commandInteraction('run', { workflow: 'no-such-flow', target: 'lab-ios-1' }, ALICE);
    await post(bad);
    expect(((await originalEdit(bad)).body as { content: string }).content).toMatch(/No workflow named "no-such-flow"/);
    const params = commandInteraction('run', { workflow: 'show-version', target: 'lab-ios-1', params: 'oops' }, ALICE);
    await post(params);
    const content = ((await originalEdit(params)).body as { content: string }).content;
    expect(content).toContain('"oops" is not key=value');
    expect(content).toContain('/netops run workflow:<name> target:<selector>');
    const viewer = commandInteraction('run', { workflow: 'show-version', target: 'lab-ios-1' }, VIC);
    await post(viewer);
    expect(((await originalEdit(viewer)).body as { content: string }).content).toMatch(/role viewer; starting a run needs operator/);
    const whoami = commandInteraction('whoami', {}, VIC);
    await post(whoami);
    expect(JSON.stringify((await originalEdit(whoami)).body)).toContain(`--discord-id ${VIC.userId}`);
  });

  it('honours a 429 and its retry_after, and never posts anything twice (retried or repeated events)', async () => {
    const limited = (m: string, p: string) => m === 'POST' && /^\/channels\/\d+\/messages$/.test(p) && p !== `/channels/${CHANNEL_ID}/messages`;
    h.discord.failNext(limited, { status: 429, retryAfter: 0.3 });
    const { runId, threadId, messageId } = await requestRun({ workflow: 'show-version', target: 'lab-ios-3' });
    expect(await waitForRun(h.t, runId)).toBe('succeeded');
    await h.discord.waitFor((c) => c.path === `/channels/${threadId}/messages` && c.status === 200 && JSON.stringify(c.body).includes('succeeded'));
    const rateLimited = h.discord.calls.filter((c) => c.path === `/channels/${threadId}/messages` && c.status === 429);
    expect(rateLimited).toHaveLength(1);
    const posts = h.threadPosts(threadId);
    expect(posts.map((c) => embedsOf(c)[0]?.title)).toEqual([
      '✅ pre_check passed · lab-ios-3', '✅ implementation passed · lab-ios-3', '✅ post_check passed · lab-ios-3', expect.stringMatching(/^✅ Run #\d+ succeeded/),
    ]);
    // the retry came after Discord's retry_after
    const retried = h.discord.calls.indexOf(posts[0]!);
    expect(retried).toBeGreaterThan(h.discord.calls.indexOf(rateLimited[0]!));

    // the queue may deliver an event again (retries, several workers): nothing is posted a second time
    const postsBefore = h.discord.calls.filter((c) => c.method === 'POST').length;
    const run = await getRunDetail(h.t.ctx, { id: runId });
    const at = new Date().toISOString();
    const execution = run.executions[0]!;
    for (const event of [
      { type: 'run.requested' as const, runId, runNumber: run.number, at },
      ...(['pre_check', 'implementation', 'post_check'] as const).map((stage) => ({ type: 'execution.stage_completed' as const, runId, runNumber: run.number, at, executionId: execution.id, stage })),
      { type: 'run.completed' as const, runId, runNumber: run.number, at, runStatus: 'succeeded' as const },
    ]) {
      await h.adapter.notifier.handle(event, run);
    }
    expect(h.discord.calls.filter((c) => c.method === 'POST').length).toBe(postsBefore);
    expect(h.runMessageEdits(messageId).at(-1)?.body).toMatchObject({ embeds: [{ description: expect.stringContaining('Succeeded') }] });
  });

  it('says so when Discord refuses the run message, and does not keep retrying it', async () => {
    h.discord.failNext((m, p) => m === 'POST' && p === `/channels/${CHANNEL_ID}/messages`, { status: 403, code: 50001 });
    const interaction = commandInteraction('run', { workflow: 'show-version', target: 'lab-ios-1' }, ALICE);
    await post(interaction);
    const content = ((await originalEdit(interaction)).body as { content: string }).content;
    expect(content).toMatch(/Discord refused my message in this channel: I need View Channel, Send Messages/);
    const runId = (await h.t.ctx.runs.list({ requester: 'alice' }, { page: 1, perPage: 1 })).items[0]?.id ?? '';
    expect(await waitForRun(h.t, runId)).toBe('succeeded');
    const refused = h.discord.calls.filter((c) => c.path === `/channels/${CHANNEL_ID}/messages` && c.status === 403);
    // the worker handles every event of the run; none of them tries the refused channel again
    await h.notificationsIdle();
    expect(h.discord.calls.filter((c) => c.path === `/channels/${CHANNEL_ID}/messages` && h.discord.calls.indexOf(c) > h.discord.calls.indexOf(refused[0]!))).toEqual([]);
  });

  it('replies under the run message when Discord will not start a thread there', async () => {
    h.discord.failNext((m, p) => m === 'POST' && p.endsWith('/threads'), { status: 400, code: 50024 });
    const interaction = commandInteraction('run', { workflow: 'show-version', target: 'lab-ios-2' }, ALICE);
    await post(interaction);
    await originalEdit(interaction);
    const runId = (await h.t.ctx.runs.list({ requester: 'alice' }, { page: 1, perPage: 1 })).items[0]?.id ?? '';
    expect(await waitForRun(h.t, runId)).toBe('succeeded');
    await h.notificationsIdle();
    const chat = (await h.t.ctx.runs.get({ id: runId }))?.chat;
    expect(chat).toMatchObject({ platform: 'discord', channelId: CHANNEL_ID, threadId: null });
    const replies = h.runMessagePosts().filter((c) => (c.body as { message_reference?: { message_id: string } }).message_reference?.message_id === chat?.messageId);
    expect(replies.map((c) => embedsOf(c)[0]?.title)).toEqual([
      '✅ pre_check passed · lab-ios-2', '✅ implementation passed · lab-ios-2', '✅ post_check passed · lab-ios-2', expect.stringMatching(/succeeded/),
    ]);
  });
});
