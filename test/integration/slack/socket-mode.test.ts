import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BUSY_TEXT, type AdmissionTicket } from '../../../src/core/chat/chat-admission.ts';
import { waitForRun } from '../../helpers/test-app.ts';
import { FakeSocketMode } from './helpers/fake-socket-mode.ts';
import { parentPosts, startSlackTestApp, threadReplies, type SlackTestApp } from './helpers/slack-test-app.ts';

const command = (text: string, trigger: string) => ({
  token: 'x', team_id: 'T0TEST', team_domain: 'test', channel_id: 'C0SOCK', channel_name: 'netops', user_id: 'UALICE', user_name: 'alice',
  command: '/netops', text, api_app_id: 'A0TEST', response_url: `https://hooks.slack.test/commands/T0TEST/${trigger}`, trigger_id: trigger,
});

describe('Slack in Socket Mode', () => {
  let s: SlackTestApp;
  let socket: FakeSocketMode;

  beforeAll(async () => {
    socket = new FakeSocketMode();
    s = await startSlackTestApp({ env: { SLACK_APP_TOKEN: 'xapp-1-A0TEST-test', SLACK_SIGNING_SECRET: '' } });
    s.fake.socketUrl = socket.url;
    await s.t.ctx.users.create({ name: 'alice', role: 'operator', slackId: 'UALICE' });
    await s.t.services.chat.find((c) => c.platform === 'slack')!.start!();
  });
  afterAll(async () => {
    await s?.close();
    await socket?.close();
  });

  it('connects with the app token through apps.connections.open and says so', () => {
    const open = s.fake.ok('apps.connections.open')[0];
    expect(open).toBeDefined();
    expect(s.t.services.chat.find((c) => c.platform === 'slack')!.describe()).toMatch(/^Slack: Socket Mode connected/);
  });

  it('has no HTTP endpoint in Socket Mode', async () => {
    const res = await fetch(`${s.url}/slack/events`, { method: 'POST', body: 'x' });
    expect(res.status).toBe(404);
  });

  it('acks a slash command envelope and runs it into a threaded parent message', async () => {
    const sent = await socket.send({ envelope_id: 'env-run-1', type: 'slash_commands', payload: command('run show-version on lab-ios-1', 'trig-sock-1') });
    const ack = await s.fake.waitFor(() => socket.acks.find((a) => a.envelope_id === 'env-run-1'), 'the envelope ack');
    expect(ack.at - sent).toBeLessThan(3000);
    const parent = await s.fake.waitFor(() => parentPosts(s.fake, 'C0SOCK')[0], 'the parent');
    const run = (await s.t.ctx.runs.list({ workflow: 'show-version' }, { page: 1, perPage: 1 })).items[0]!;
    expect(run.source).toBe('slack');
    expect(await waitForRun(s.t, run.id)).toBe('succeeded');
    const ts = String(parent.result?.ts);
    await s.fake.waitFor(() => threadReplies(s.fake, 'C0SOCK', ts).length === 3, 'three stage replies');
  });

  it('ignores a redelivered envelope: one run', async () => {
    const before = (await s.t.ctx.runs.list({}, { page: 1, perPage: 1 })).total;
    await socket.send({ envelope_id: 'env-dup-1', type: 'slash_commands', payload: command('run show-version on lab-ios-2', 'trig-sock-dup') });
    await socket.send({ envelope_id: 'env-dup-2', type: 'slash_commands', payload: command('run show-version on lab-ios-2', 'trig-sock-dup'), retry_attempt: 1, retry_reason: 'timeout' });
    await s.fake.waitFor(() => socket.acks.some((a) => a.envelope_id === 'env-dup-2') && socket.acks.some((a) => a.envelope_id === 'env-dup-1'), 'both acks');
    await new Promise((r) => setTimeout(r, 800));
    expect((await s.t.ctx.runs.list({}, { page: 1, perPage: 1 })).total).toBe(before + 1);
  });

  it('answers a slash command envelope "busy, nothing was run" in its ack when the limiter is full, and runs nothing', async () => {
    const before = (await s.t.ctx.runs.list({}, { page: 1, perPage: 1 })).total;
    // Every place taken (as by slow commands): the next command cannot be accepted.
    const taken: AdmissionTicket[] = [];
    for (let t = s.t.ctx.chatAdmission.admit('slack'); t; t = s.t.ctx.chatAdmission.admit('slack')) taken.push(t);
    try {
      await socket.send({ envelope_id: 'env-busy-1', type: 'slash_commands', payload: command('run show-version on lab-ios-3', 'trig-sock-busy') });
      const ack = await s.fake.waitFor(() => socket.acks.find((a) => a.envelope_id === 'env-busy-1'), 'the envelope ack');
      expect(ack.payload).toMatchObject({ response_type: 'ephemeral', text: expect.stringContaining(BUSY_TEXT) });
    } finally {
      for (const t of taken) t.release();
    }
    // Room again: the same command, sent anew, is accepted and becomes the one run.
    await socket.send({ envelope_id: 'env-busy-2', type: 'slash_commands', payload: command('run show-version on lab-ios-3', 'trig-sock-busy-2') });
    await s.fake.waitFor(() => socket.acks.find((a) => a.envelope_id === 'env-busy-2'), 'the second ack');
    const runKeys = async () => (await s.t.ctx.db.prisma.run.findMany({ select: { idempotencyKey: true } })).map((r) => r.idempotencyKey);
    for (const deadline = Date.now() + 20_000; !(await runKeys()).includes('slack:trig-sock-busy-2');) {
      if (Date.now() > deadline) throw new Error('the accepted command did not become a run');
      await new Promise((r) => setTimeout(r, 50));
    }
    const keys = await runKeys();
    expect(keys).not.toContain('slack:trig-sock-busy');
    expect((await s.t.ctx.runs.list({}, { page: 1, perPage: 1 })).total).toBe(before + 1);
  });
});
