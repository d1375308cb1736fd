export type DiffLineKind = 'add' | 'del' | 'hunk' | 'meta' | 'ctx';

export interface DiffLine {
  kind: DiffLineKind;
  text: string;
}

/**
 * Classifies the lines of a unified diff for colouring. The text stays text: templates escape it,
 * so a config line such as `banner motd <script>` is shown, never interpreted.
 */
export function diffLines(diff: string | null | undefined): DiffLine[] {
  if (!diff) return [];
  return diff.replace(/\n$/, '').split('\n').map((text): DiffLine => {
    if (text.startsWith('+++') || text.startsWith('---') || text.startsWith('===') || text.startsWith('Index:')) return { kind: 'meta', text };
    if (text.startsWith('@@')) return { kind: 'hunk', text };
    if (text.startsWith('+')) return { kind: 'add', text };
    if (text.startsWith('-')) return { kind: 'del', text };
    return { kind: 'ctx', text };
  });
}
