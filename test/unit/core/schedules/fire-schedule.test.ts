import { beforeEach, describe, expect, it } from 'vitest';
import type { Role } from '../../../../src/core/approvals/roles.ts';
import { NetOpsError } from '../../../../src/core/errors/index.ts';
import type { ScheduleRepository } from '../../../../src/core/ports/schedule-repository.ts';
import type { UserRecord } from '../../../../src/core/ports/user-repository.ts';
import type { RequestRunResult, RunRequest } from '../../../../src/core/runs/request-run.ts';
import { fireSchedule } from '../../../../src/core/schedules/fire-schedule.ts';
import type { ScheduleDeps } from '../../../../src/core/schedules/schedule-deps.ts';
import type { ScheduleRecord } from '../../../../src/core/schedules/schedule-records.ts';
import { syncSchedules } from '../../../../src/core/schedules/sync-schedules.ts';

const schedule = (over: Partial<ScheduleRecord> = {}): ScheduleRecord => ({
  id: 's1', name: 'nightly', workflowId: 'w1', workflowName: 'show-version', target: 'tag:core', params: { x: 1 }, cron: '0 3 * * *',
  timezone: 'Europe/Amsterdam', enabled: true, createdById: 'u1', createdByName: 'alice', approved: true, lastRunAt: null,
  createdAt: new Date(), updatedAt: new Date(), ...over,
});

describe('fireSchedule', () => {
  let stored: Map<string, ScheduleRecord>;
  let users: Map<string, UserRecord>;
  let requests: RunRequest[];
  let armed: Set<string>;
  let refuse: NetOpsError | null;
  let deps: ScheduleDeps;
  const fire = (over: object = {}) => fireSchedule(deps, { scheduleId: 's1', cron: '0 3 * * *', timezone: 'Europe/Amsterdam', fireKey: 'repeat:s1:1', ...over });
  const setRole = (role: Role, disabled = false) => users.set('u1', { id: 'u1', name: 'alice', role, disabled });

  beforeEach(() => {
    stored = new Map([['s1', schedule()]]);
    users = new Map();
    setRole('approver');
    requests = [];
    armed = new Set(['s1', 'ghost']);
    refuse = null;
    const schedules: ScheduleRepository = {
      list: async () => [...stored.values()],
      find: async (ref) => stored.get(ref) ?? null,
      create: async () => { throw new Error('unused'); },
      update: async () => { throw new Error('unused'); },
      delete: async (id) => stored.delete(id),
      markFired: async (id, at) => void stored.set(id, { ...stored.get(id)!, lastRunAt: at }),
    };
    deps = {
      schedules,
      timer: { arm: async (s) => void armed.add(s.id), disarm: async (id) => void armed.delete(id), armedIds: async () => [...armed] },
      workflows: {} as ScheduleDeps['workflows'],
      devices: {} as ScheduleDeps['devices'],
      users: { findById: async (id) => users.get(id) ?? null },
      requestRun: async (req) => {
        if (refuse) throw refuse;
        requests.push(req);
        return { run: { id: 'run-1', number: 1, status: req.preApproved ? 'queued' : 'pending_approval' }, created: true } as unknown as RequestRunResult;
      },
      now: () => new Date('2026-02-02T02:00:00Z'),
    };
  });

  it('requests a run with source schedule as the owner, pre-approved while the owner is an approver', async () => {
    expect((await fire()).kind).toBe('requested');
    expect(requests[0]).toEqual({
      workflow: 'show-version', target: 'tag:core', params: { x: 1 }, source: 'schedule', requester: { id: 'u1', name: 'alice', role: 'approver' },
      scheduleId: 's1', preApproved: true, idempotencyKey: 'schedule:repeat:s1:1',
    });
    expect(stored.get('s1')?.lastRunAt?.toISOString()).toBe('2026-02-02T02:00:00.000Z');
  });

  it('does not pre-approve once the owner lost the approver role, or when the schedule was not approved', async () => {
    setRole('operator');
    await fire();
    stored.set('s1', schedule({ approved: false }));
    setRole('admin');
    await fire({ fireKey: 'repeat:s1:2' });
    expect(requests.map((r) => r.preApproved)).toEqual([false, false]);
  });

  it('ignores ticks of a deleted or disabled schedule (removing the timer) and of a replaced timing', async () => {
    expect(await fire({ cron: '*/5 * * * *' })).toMatchObject({ kind: 'skipped', reason: 'the schedule was re-timed' });
    expect(armed.has('s1')).toBe(true);
    stored.set('s1', schedule({ enabled: false }));
    expect(await fire()).toMatchObject({ kind: 'skipped' });
    expect(armed.has('s1')).toBe(false);
    stored.clear();
    expect(await fire()).toMatchObject({ kind: 'skipped', reason: 'the schedule was deleted' });
    expect(requests).toHaveLength(0);
  });

  it('reports a refused request (deleted owner, bad target) instead of retrying it', async () => {
    users.clear();
    expect(await fire()).toMatchObject({ kind: 'refused', code: 'FORBIDDEN', reason: expect.stringMatching(/no active owner/) });
    setRole('operator', true);
    expect(await fire()).toMatchObject({ kind: 'refused', reason: expect.stringMatching(/disabled/) });
    setRole('operator');
    refuse = new NetOpsError('DEVICE_NOT_FOUND', 'No device named "gone".');
    expect(await fire()).toMatchObject({ kind: 'refused', code: 'DEVICE_NOT_FOUND' });
    refuse = new NetOpsError('DATABASE_UNAVAILABLE', 'db down');
    await expect(fire()).rejects.toThrow('db down');
    expect(stored.get('s1')?.lastRunAt).toBeNull();
  });

  it('syncSchedules arms every enabled schedule and removes timers of schedules that are gone', async () => {
    stored.set('s2', schedule({ id: 's2', name: 'off', enabled: false }));
    armed.add('s2');
    expect(await syncSchedules(deps)).toEqual({ armed: 1, removed: 2 });
    expect([...armed]).toEqual(['s1']);
  });
});
