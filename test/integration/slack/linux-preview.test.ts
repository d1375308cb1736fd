import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importWorkflow } from '../../../src/main/commands/admin-commands.ts';
import { postToSlackEndpoint, slashCommand } from './helpers/slack-requests.ts';
import { blocksText, parentPosts, startSlackTestApp, type SlackTestApp } from './helpers/slack-test-app.ts';

// A workflow for IOS and Linux whose free-text param allows ';': on Linux the runner sends it quoted.
const ECHO_MIXED = `
name: echo-mixed
description: Writes a note to the device's output
platforms: [cisco_ios, linux]
approval: required
params:
  note: { type: string, pattern: '^[A-Za-z0-9 ;._-]{1,200}$', required: true }
stages:
  implementation:
    - command: echo {{note}}
`;

describe('Slack previews show the commands as they will be sent to each platform', () => {
  let s: SlackTestApp;
  // Parents edit as the run moves on: the first post is what the approver is asked to agree to.
  const previewIn = async (channel: string) => blocksText((await s.fake.waitFor(() => parentPosts(s.fake, channel)[0], `the parent in ${channel}`)).args);

  beforeAll(async () => {
    // No worker: the runs wait for approval and nothing is sent; only the previews are looked at.
    s = await startSlackTestApp({ devices: 1, worker: false });
    await s.t.ctx.users.create({ name: 'gabe', role: 'operator', slackId: 'UGABE' });
    await s.t.ctx.credentials.upsert({ name: 'linux', username: 'netops', password: 'not-used-here' });
    await s.t.ctx.devices.upsert({ name: 'lab-linux-1', host: '127.0.0.1', port: 1, platform: 'linux', credentialName: 'linux' });
    await importWorkflow(s.t.ctx, ECHO_MIXED, 'test');
  }, 60_000);
  afterAll(async () => s?.close());

  it('a run on Linux devices only previews the quoted form, never the bare `echo hello; id`', async () => {
    const res = await postToSlackEndpoint(s.url, slashCommand({ user: 'UGABE', text: 'run echo-mixed on lab-linux-1 note="hello; id"', channel: 'C0LNX', trigger: 'trig-lnx' }));
    expect(res).toMatchObject({ status: 200, text: '' });
    const preview = await previewIn('C0LNX');
    expect(preview).toContain("echo 'hello; id'");
    expect(preview).not.toMatch(/echo hello; id/);
  });

  it('a run on IOS and Linux devices shows each form under its platform', async () => {
    await postToSlackEndpoint(s.url, slashCommand({ user: 'UGABE', text: 'run echo-mixed on lab-ios-1,lab-linux-1 note="hello; id"', channel: 'C0MIX', trigger: 'trig-mix' }));
    const preview = await previewIn('C0MIX');
    expect(preview).toMatch(/# on cisco_ios:\\n\s*echo hello; id\\n# on linux:\\necho 'hello; id'/);
  });
});
