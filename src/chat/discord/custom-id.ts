/** What a button (or the reject modal) asks for; the run id travels in the custom_id (≤ 100 chars). */
export interface RunAction {
  action: 'approve' | 'reject';
  runId: string;
}

const PREFIX = 'netops';
const PATTERN = /^netops:(approve|reject):([0-9a-f-]{36})$/;

export function runActionId(action: RunAction['action'], runId: string): string {
  return `${PREFIX}:${action}:${runId}`;
}

/** Null for a custom_id NetOps did not make. */
export function parseRunActionId(customId: string): RunAction | null {
  const m = PATTERN.exec(customId);
  return m?.[1] && m[2] ? { action: m[1] as RunAction['action'], runId: m[2] } : null;
}
