import { describe, expect, it } from 'vitest';
import { platformsOfRun, previewImplementation } from '../../../../src/core/runs/run-preview.ts';
import type { RunDetail } from '../../../../src/core/runs/run-records.ts';

const def = (platforms: string[]) => ({
  platforms: platforms as never,
  stages: { implementation: [{ command: 'echo {{note}}' }, { commands: ['description {{note}}'] }] },
}) as Parameters<typeof previewImplementation>[0];
const params = { note: 'hello; id' };

describe('previewImplementation', () => {
  it('renders for the one platform of the devices: Linux quotes each value as one shell word', () => {
    expect(previewImplementation(def(['cisco_ios', 'linux']), params, ['linux', 'linux'])).toEqual(["echo 'hello; id'", "description 'hello; id'"]);
    expect(previewImplementation(def(['cisco_ios', 'linux']), params, ['cisco_ios'])).toEqual(['echo hello; id', 'description hello; id']);
  });

  it('shows each form under its platforms when they differ, and one list when they do not', () => {
    expect(previewImplementation(def(['cisco_ios', 'arista_eos', 'linux']), params, ['linux', 'cisco_ios', 'arista_eos'])).toEqual([
      '# on arista_eos, cisco_ios:', 'echo hello; id', 'description hello; id', '# on linux:', "echo 'hello; id'", "description 'hello; id'",
    ]);
    expect(previewImplementation(def(['cisco_ios', 'linux']), { note: 'hello' }, ['linux', 'cisco_ios'])).toEqual(['echo hello', 'description hello']);
  });

  it('without the devices, goes by the workflow platforms', () => {
    expect(previewImplementation(def(['linux']), params)).toEqual(["echo 'hello; id'", "description 'hello; id'"]);
    expect(previewImplementation(def(['cisco_ios', 'linux']), params)[0]).toBe('# on cisco_ios:');
  });
});

describe('platformsOfRun', () => {
  const run = (ids: (string | null)[]) => ({ executions: ids.map((deviceId) => ({ deviceId })) }) as unknown as RunDetail;
  const devices = { findById: async (id: string) => (id === 'gone' ? null : ({ platform: id.startsWith('l') ? 'linux' : 'cisco_ios' }) as never) };

  it('looks the devices up only for a workflow on Linux and something else, and gives up on a deleted device', async () => {
    expect(await platformsOfRun(devices, def(['cisco_ios', 'linux']), run(['l1', 'l2', 'l1']))).toEqual(['linux', 'linux']);
    expect(await platformsOfRun(devices, def(['linux']), run(['l1']))).toBeUndefined();
    expect(await platformsOfRun(devices, def(['cisco_ios', 'linux']), run(['l1', 'gone']))).toBeUndefined();
    expect(await platformsOfRun(devices, def(['cisco_ios', 'linux']), run(['l1', null]))).toBeUndefined();
    expect(await platformsOfRun(undefined, def(['cisco_ios', 'linux']), run(['l1']))).toBeUndefined();
  });
});
