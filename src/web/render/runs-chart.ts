/** Runs of one day split by outcome; `other` is everything neither succeeded nor failed (cancelled, rejected...). */
export interface DayCounts {
  day: string; // YYYY-MM-DD (UTC)
  ok: number;
  bad: number;
  other: number;
}

export interface ChartBar {
  x: number;
  width: number;
  label: string;
  title: string;
  segments: { kind: 'ok' | 'bad' | 'other'; y: number; height: number }[];
}

export interface RunsChart {
  width: number;
  height: number;
  plotTop: number;
  plotBottom: number;
  max: number;
  bars: ChartBar[];
  gridlines: { y: number; value: number }[];
}

/**
 * Geometry of a stacked bar chart for the dashboard, rendered as SVG by a template (so every label is
 * escaped like any other text, and no chart library or CDN is needed).
 */
export function runsChart(days: DayCounts[], size = { width: 700, height: 220 }): RunsChart {
  const plotTop = 10;
  const plotBottom = size.height - 24;
  const left = 30;
  const plotHeight = plotBottom - plotTop;
  const max = Math.max(1, ...days.map((d) => d.ok + d.bad + d.other));
  const slot = (size.width - left) / Math.max(1, days.length);
  const scale = (n: number) => (n / max) * plotHeight;
  const bars = days.map((d, i): ChartBar => {
    let y = plotBottom;
    const segments = (['ok', 'bad', 'other'] as const).filter((k) => d[k] > 0).map((kind) => {
      const height = scale(d[kind]);
      y -= height;
      return { kind, y: round(y), height: round(height) };
    });
    return {
      x: round(left + i * slot + slot * 0.15), width: round(slot * 0.7), label: d.day.slice(5), segments,
      title: `${d.day}: ${d.ok} succeeded, ${d.bad} failed, ${d.other} other`,
    };
  });
  const step = niceStep(max);
  const gridlines = [];
  for (let v = 0; v <= max; v += step) gridlines.push({ y: round(plotBottom - scale(v)), value: v });
  return { width: size.width, height: size.height, plotTop, plotBottom, max, bars, gridlines };
}

function niceStep(max: number): number {
  const raw = max / 4;
  const mag = 10 ** Math.floor(Math.log10(Math.max(1, raw)));
  return Math.max(1, [1, 2, 5, 10].map((m) => m * mag).find((s) => s >= raw) ?? mag * 10);
}

const round = (n: number) => Math.round(n * 10) / 10;
