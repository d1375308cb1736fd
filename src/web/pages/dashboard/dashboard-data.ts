import type { AppContext } from '../../../main/app-context.ts';
import { runsChart, type DayCounts } from '../../render/runs-chart.ts';

const DAY_MS = 86_400_000;

/** The dashboard's live part (polled): what needs a decision, what is in flight, what just failed. */
export async function loadDashboardLive(ctx: AppContext) {
  const [pending, active, failures] = await Promise.all([
    ctx.runs.runsInStatus(['pending_approval'], 'asc', 20),
    ctx.runs.runsInStatus(['approved', 'queued', 'running'], 'desc', 20),
    ctx.runs.runsInStatus(['failed', 'partially_failed'], 'desc', 10),
  ]);
  return { pending, active, failures };
}

/** Runs per UTC day for the last `days` days, split by outcome. One grouped count per day keeps it cheap. */
export async function runsPerDay(ctx: AppContext, days = 14, now = new Date()): Promise<DayCounts[]> {
  const today = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());
  const starts = Array.from({ length: days }, (_, i) => today - (days - 1 - i) * DAY_MS);
  return Promise.all(starts.map(async (start): Promise<DayCounts> => {
    const groups = await ctx.runs.runStatusCounts(new Date(start), new Date(start + DAY_MS));
    const counts: DayCounts = { day: new Date(start).toISOString().slice(0, 10), ok: 0, bad: 0, other: 0 };
    for (const [status, n] of Object.entries(groups)) {
      const kind = status === 'succeeded' ? 'ok' : status === 'failed' || status === 'partially_failed' ? 'bad' : 'other';
      counts[kind] += n;
    }
    return counts;
  }));
}

export async function loadDashboard(ctx: AppContext) {
  const [live, byStatus, perDay] = await Promise.all([
    loadDashboardLive(ctx),
    ctx.devices.statusCounts(),
    runsPerDay(ctx),
  ]);
  const devices = ['online', 'offline', 'unknown'].map((status) => ({ status, count: byStatus[status] ?? 0 }));
  const totals = perDay.reduce((t, d) => ({ ok: t.ok + d.ok, bad: t.bad + d.bad, other: t.other + d.other }), { ok: 0, bad: 0, other: 0 });
  return { ...live, devices, deviceTotal: devices.reduce((n, d) => n + d.count, 0), chart: runsChart(perDay), chartTotals: totals };
}
