import { slackSignature } from '../../../../src/chat/slack/verify-slack-signature.ts';

export const SIGNING_SECRET = 'test-signing-secret-0123456789abcdef';

/** Form body of a slash command as Slack sends it. */
export function slashCommand(input: { user: string; text: string; channel?: string; trigger?: string; command?: string }): string {
  return new URLSearchParams({
    token: 'deprecated-verification-token', team_id: 'T0TEST', team_domain: 'test', channel_id: input.channel ?? 'C0RUNS', channel_name: 'netops',
    user_id: input.user, user_name: input.user.toLowerCase(), command: input.command ?? '/netops', text: input.text, api_app_id: 'A0TEST',
    response_url: `https://hooks.slack.test/commands/T0TEST/${input.trigger ?? 'x'}`, trigger_id: input.trigger ?? `trig-${Math.random().toString(36).slice(2)}`,
  }).toString();
}

/** Form body of a button click (block_actions). */
export function buttonClick(input: { user: string; actionId: string; value: string; channel: string; messageTs: string; trigger?: string }): string {
  const trigger = input.trigger ?? `trig-${Math.random().toString(36).slice(2)}`;
  const payload = {
    type: 'block_actions', user: { id: input.user, username: input.user.toLowerCase(), team_id: 'T0TEST' }, api_app_id: 'A0TEST', team: { id: 'T0TEST', domain: 'test' },
    container: { type: 'message', message_ts: input.messageTs, channel_id: input.channel, is_ephemeral: false },
    channel: { id: input.channel, name: 'netops' }, message: { ts: input.messageTs, text: 'run' },
    response_url: `https://hooks.slack.test/actions/T0TEST/${trigger}`, trigger_id: trigger,
    actions: [{ type: 'button', action_id: input.actionId, block_id: 'approval', value: input.value, action_ts: '1700000000.1' }],
  };
  return new URLSearchParams({ payload: JSON.stringify(payload) }).toString();
}

/** Form body of a modal submission (view_submission): `values` is view.state.values, by block and action id. */
export function viewSubmission(input: { user: string; callbackId: string; privateMetadata: string; values: Record<string, Record<string, unknown>>; trigger?: string }): string {
  const trigger = input.trigger ?? `trig-${Math.random().toString(36).slice(2)}`;
  const payload = {
    type: 'view_submission', user: { id: input.user, username: input.user.toLowerCase(), team_id: 'T0TEST' }, api_app_id: 'A0TEST', team: { id: 'T0TEST', domain: 'test' },
    trigger_id: trigger,
    view: { id: `V${trigger}`, hash: trigger, type: 'modal', callback_id: input.callbackId, private_metadata: input.privateMetadata, state: { values: input.values } },
  };
  return new URLSearchParams({ payload: JSON.stringify(payload) }).toString();
}

export interface SlackHttpResult { status: number; text: string; ms: number }

/** A real HTTP request to our endpoint, signed like Slack's (or not, when `sign` says otherwise). */
export async function postToSlackEndpoint(baseUrl: string, body: string, opts: {
  timestamp?: number; signature?: string | null; headers?: Record<string, string>; contentType?: string; secret?: string;
} = {}): Promise<SlackHttpResult> {
  const ts = String(opts.timestamp ?? Math.floor(Date.now() / 1000));
  const headers: Record<string, string> = { 'content-type': opts.contentType ?? 'application/x-www-form-urlencoded', ...opts.headers };
  if (opts.signature !== null) {
    headers['x-slack-request-timestamp'] = ts;
    headers['x-slack-signature'] = opts.signature ?? slackSignature(opts.secret ?? SIGNING_SECRET, ts, body);
  }
  const started = performance.now();
  const res = await fetch(`${baseUrl}/slack/events`, { method: 'POST', headers, body });
  const text = await res.text();
  return { status: res.status, text, ms: performance.now() - started };
}
