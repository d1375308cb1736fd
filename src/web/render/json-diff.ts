import { diffJson } from 'diff';
import type { DiffLine } from './diff-lines.ts';

/** Unchanged lines kept around each change; longer unchanged stretches fold into one marker line. */
const CONTEXT = 4;

const pretty = (v: unknown) => JSON.stringify(v, null, 2) ?? 'null';

function splitLines(text: string): string[] {
  return text.replace(/\n$/, '').split('\n');
}

/** Folds unchanged runs longer than 2×CONTEXT+1 to their edges and a "… N unchanged lines" marker. */
function fold(lines: DiffLine[]): DiffLine[] {
  const out: DiffLine[] = [];
  let i = 0;
  while (i < lines.length) {
    if (lines[i]!.kind !== 'ctx') {
      out.push(lines[i++]!);
      continue;
    }
    let j = i;
    while (j < lines.length && lines[j]!.kind === 'ctx') j++;
    const run = lines.slice(i, j);
    const head = i === 0 ? 0 : CONTEXT;
    const tail = j === lines.length ? 0 : CONTEXT;
    if (run.length > head + tail + 1) {
      out.push(...run.slice(0, head), { kind: 'hunk', text: `… ${run.length - head - tail} unchanged lines` }, ...run.slice(run.length - tail));
    } else {
      out.push(...run);
    }
    i = j;
  }
  return out;
}

/**
 * An audit entry's old → new value as coloured lines: both sides pretty-printed JSON with sorted keys
 * (diffJson canonicalises), added lines `+`, removed `-`. A missing side (a creation or a deletion)
 * shows the other side whole. The lines stay text; templates escape them.
 */
export function jsonDiffLines(oldValue: unknown, newValue: unknown): DiffLine[] {
  const hasOld = oldValue !== null && oldValue !== undefined;
  const hasNew = newValue !== null && newValue !== undefined;
  if (!hasOld && !hasNew) return [];
  if (!hasOld) return splitLines(pretty(newValue)).map((l) => ({ kind: 'add', text: `+ ${l}` }));
  if (!hasNew) return splitLines(pretty(oldValue)).map((l) => ({ kind: 'del', text: `- ${l}` }));
  const lines: DiffLine[] = [];
  // diffJson reads a string as JSON text: a bare string value is quoted first, like any other scalar.
  const cast = (v: unknown): string | object => (typeof v === 'object' && v !== null ? v : JSON.stringify(v));
  for (const part of diffJson(cast(oldValue), cast(newValue))) {
    const kind = part.added ? 'add' : part.removed ? 'del' : 'ctx';
    const mark = part.added ? '+' : part.removed ? '-' : ' ';
    for (const l of splitLines(part.value)) lines.push({ kind, text: `${mark} ${l}` });
  }
  return fold(lines);
}
