import type { App, ReceiverEvent } from '@slack/bolt';
import Fastify, { type FastifyInstance } from 'fastify';
import pino from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { ADMISSION_TICKET } from '../../../../src/chat/slack/delivery-gate.ts';
import { FastifySlackReceiver } from '../../../../src/chat/slack/fastify-slack-receiver.ts';
import { BUSY_TEXT, ChatAdmission } from '../../../../src/core/chat/chat-admission.ts';
import { WORKED } from './slack-worked-example.ts';

const headers = { 'content-type': 'application/x-www-form-urlencoded', 'x-slack-request-timestamp': WORKED.timestamp, 'x-slack-signature': WORKED.signature };

async function setup(process: (e: ReceiverEvent) => Promise<void>, opts: { ackTimeoutMs?: number; admission?: ChatAdmission } = {}) {
  const receiver = new FastifySlackReceiver({ signingSecret: WORKED.secret, logger: pino({ level: 'silent' }), nowSeconds: () => 1531420618, ...opts });
  const events: ReceiverEvent[] = [];
  receiver.init({ processEvent: async (e: ReceiverEvent) => { events.push(e); await process(e); } } as unknown as App);
  const app = Fastify();
  await receiver.register(app);
  return { app, events };
}

describe('FastifySlackReceiver', () => {
  let app: FastifyInstance | null = null;
  afterEach(async () => app?.close());

  it('verifies the PROTOCOLS.md worked example on the raw body and hands Bolt the parsed command', async () => {
    const s = await setup(async (e) => e.ack());
    app = s.app;
    const res = await app.inject({ method: 'POST', url: '/slack/events', headers, payload: WORKED.body });
    expect(res.statusCode).toBe(200);
    expect(s.events[0]?.body).toMatchObject({ command: '/webhook-collect', user_id: 'U2CERLKJA', trigger_id: '398738663015.47445629121.803a0bc887a14d10d2c447fce8b6703c' });
  });

  it('refuses the same request with one changed byte, with 401, before Bolt sees it', async () => {
    const s = await setup(async (e) => e.ack());
    app = s.app;
    const res = await app.inject({ method: 'POST', url: '/slack/events', headers, payload: WORKED.body.replace('roadrunner', 'roadrunnex') });
    expect(res.statusCode).toBe(401);
    expect(s.events).toEqual([]);
  });

  it('answers at ack while the listener keeps working, and passes the retry number', async () => {
    let finish: () => void = () => undefined;
    const s = await setup(async (e) => {
      await e.ack({ response_type: 'ephemeral', text: 'working on it' });
      await new Promise<void>((r) => { finish = r; });
    });
    app = s.app;
    const res = await app.inject({ method: 'POST', url: '/slack/events', headers: { ...headers, 'x-slack-retry-num': '2', 'x-slack-retry-reason': 'http_timeout' }, payload: WORKED.body });
    expect(res.json()).toEqual({ response_type: 'ephemeral', text: 'working on it' });
    expect(s.events[0]).toMatchObject({ retryNum: 2, retryReason: 'http_timeout' });
    finish();
  });

  it('answers 200 by itself when no listener acks in time', async () => {
    const s = await setup(() => new Promise(() => undefined), { ackTimeoutMs: 50 });
    app = s.app;
    const res = await app.inject({ method: 'POST', url: '/slack/events', headers, payload: WORKED.body });
    expect(res.statusCode).toBe(200);
    expect(res.body).toBe('');
  });

  it('answers a slash command at once, with the ephemeral busy text, when admission control is full; Bolt never sees it', async () => {
    const admission = new ChatAdmission({ maxInFlight: 1, maxQueued: 0, logger: pino({ level: 'silent' }) });
    admission.admit('slack');
    const s = await setup(async (e) => e.ack(), { admission });
    app = s.app;
    const res = await app.inject({ method: 'POST', url: '/slack/events', headers, payload: WORKED.body });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ response_type: 'ephemeral', text: expect.stringContaining(BUSY_TEXT) });
    expect(res.json().text).toContain('/webhook-collect');
    expect(s.events).toEqual([]);
    expect(admission.stats().refusedBusy).toBe(1);
  });

  it('acks an admitted slash command at once, without waiting for the listener, and hands Bolt its place in the limiter', async () => {
    const admission = new ChatAdmission({ maxInFlight: 1, maxQueued: 0, logger: pino({ level: 'silent' }) });
    const s = await setup(() => new Promise(() => undefined), { admission });
    app = s.app;
    const res = await app.inject({ method: 'POST', url: '/slack/events', headers, payload: WORKED.body });
    expect(res.statusCode).toBe(200);
    expect(res.body).toBe('');
    expect(s.events[0]?.customProperties?.[ADMISSION_TICKET]).toBeDefined();
    expect(admission.stats()).toMatchObject({ accepted: 1, inFlight: 1 });
  });
});
