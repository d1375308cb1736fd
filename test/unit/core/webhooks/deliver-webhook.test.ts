import { beforeEach, describe, expect, it } from 'vitest';
import { createAddressPolicy } from '../../../../src/core/webhooks/address-policy.ts';
import { deliverWebhook } from '../../../../src/core/webhooks/deliver-webhook.ts';
import { queueWebhookDeliveries } from '../../../../src/core/webhooks/queue-webhook-deliveries.ts';
import type { WebhookDeps } from '../../../../src/core/webhooks/webhook-deps.ts';
import type { WebhookHttpRequest, WebhookHttpResponse } from '../../../../src/core/webhooks/webhook-sender.ts';
import { verifyWebhookSignature } from '../../../../src/core/webhooks/webhook-signature.ts';
import { InMemoryWebhookRepository } from './in-memory-webhook-repository.ts';

const SECRET = 'whsec_unit-test-secret';
const NOW = new Date('2026-03-01T10:00:00Z');

describe('deliverWebhook', () => {
  let repo: InMemoryWebhookRepository;
  let sent: WebhookHttpRequest[];
  let answers: (WebhookHttpResponse | Error)[];
  let dns: Record<string, string>;
  let queued: string[];
  let deps: WebhookDeps;

  beforeEach(async () => {
    repo = new InMemoryWebhookRepository();
    sent = [];
    answers = [];
    queued = [];
    dns = { 'hooks.example.com': '93.184.216.34' };
    deps = {
      webhooks: repo,
      queue: { enqueueDelivery: async (id) => void queued.push(id), hasLiveDelivery: async () => false },
      targets: {
        resolve: async (host) => {
          const address = dns[host];
          if (!address) throw new Error('ENOTFOUND');
          return [{ address, family: 4 }];
        },
        policy: createAddressPolicy(''),
      },
      sender: {
        send: async (req) => {
          sent.push(req);
          const answer = answers.shift() ?? { status: 204, bodyExcerpt: '', location: null };
          if (answer instanceof Error) throw answer;
          return answer;
        },
      },
      timeoutMs: 10_000, maxAttempts: 3, retryBaseMs: 1000, now: () => NOW,
    };
    await repo.create({ name: 'ops', url: 'https://hooks.example.com/netops', method: 'POST', events: ['run.*'], active: true, secret: SECRET, headers: { 'X-Team': 'neteng' } });
  });

  const queueEvent = async (type: 'run.completed' | 'execution.failed' = 'run.completed') => {
    await queueWebhookDeliveries(deps, { type, runId: 'r1', runNumber: 1, at: NOW.toISOString() });
    return queued.at(-1);
  };

  it('queues one delivery per subscribed active webhook and sends it signed to the checked address', async () => {
    expect(await queueWebhookDeliveries(deps, { type: 'execution.failed', runId: 'r1', runNumber: 1, at: NOW.toISOString() })).toBe(0);
    const id = (await queueEvent())!;
    const outcome = await deliverWebhook(deps, id, 1);
    expect(outcome.kind).toBe('succeeded');
    const [req] = sent;
    expect(req!.address).toEqual({ address: '93.184.216.34', family: 4 });
    expect(req!.headers['X-Team']).toBe('neteng');
    expect(verifyWebhookSignature(SECRET, req!.headers['x-netops-timestamp']!, req!.body, req!.headers['x-netops-signature']!)).toBe(true);
    expect(JSON.parse(req!.body)).toMatchObject({ event: 'run.completed', delivery: id, data: { type: 'run.completed', runId: 'r1' } });
    expect(await repo.delivery(id)).toMatchObject({ status: 'succeeded', attempts: 1, responseCode: 204 });
  });

  it('retries 5xx, timeouts and connection errors with back-off, then gives up after maxAttempts', async () => {
    const id = (await queueEvent())!;
    answers = [{ status: 503, bodyExcerpt: 'busy', location: null }, new Error('connect ECONNREFUSED'), { status: 500, bodyExcerpt: 'boom', location: null }];
    expect((await deliverWebhook(deps, id, 1)).kind).toBe('retrying');
    expect(await repo.delivery(id)).toMatchObject({ status: 'retrying', attempts: 1, responseCode: 503, responseBody: 'busy', nextAttemptAt: new Date(NOW.getTime() + 1000) });
    expect((await deliverWebhook(deps, id, 2)).kind).toBe('retrying');
    expect(await repo.delivery(id)).toMatchObject({ attempts: 2, responseCode: null, error: 'connect ECONNREFUSED', nextAttemptAt: new Date(NOW.getTime() + 2000) });
    expect((await deliverWebhook(deps, id, 3)).kind).toBe('failed');
    expect(await repo.delivery(id)).toMatchObject({ status: 'failed', attempts: 3, responseCode: 500, nextAttemptAt: null });
    expect((await deliverWebhook(deps, id, 4)).kind).toBe('skipped');
  });

  it('gives up at once on an answer that will not change (404, redirect)', async () => {
    const a = (await queueEvent())!;
    answers = [{ status: 404, bodyExcerpt: 'no such hook', location: null }];
    expect((await deliverWebhook(deps, a, 1)).kind).toBe('failed');
    const b = (await queueEvent())!;
    answers = [{ status: 301, bodyExcerpt: '', location: 'http://10.0.0.1/' }];
    expect((await deliverWebhook(deps, b, 1)).kind).toBe('failed');
    expect((await repo.delivery(b))?.error).toMatch(/redirects are not followed/);
  });

  it('re-checks the host at delivery time: a host that now resolves inside (DNS rebinding) is refused, nothing sent', async () => {
    const id = (await queueEvent())!;
    dns['hooks.example.com'] = '169.254.169.254';
    expect((await deliverWebhook(deps, id, 1)).kind).toBe('failed');
    expect(sent).toHaveLength(0);
    expect((await repo.delivery(id))?.error).toMatch(/cloud metadata/);
  });

  it('retries a host that does not resolve right now', async () => {
    const id = (await queueEvent())!;
    delete dns['hooks.example.com'];
    expect((await deliverWebhook(deps, id, 1)).kind).toBe('retrying');
    expect(sent).toHaveLength(0);
  });

  it('skips deliveries of deleted webhooks and fails those of deactivated ones without sending', async () => {
    const id = (await queueEvent())!;
    const hook = (await repo.find('ops'))!;
    await repo.update(hook.id, { active: false });
    expect((await deliverWebhook(deps, id, 1)).kind).toBe('failed');
    await repo.delete(hook.id);
    expect((await deliverWebhook(deps, 'nope', 1)).kind).toBe('skipped');
    expect(sent).toHaveLength(0);
  });
});
