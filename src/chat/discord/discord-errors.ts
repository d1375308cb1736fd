/** The HTTP status of a failed Discord call, or null when it never got an answer. */
export function discordErrorStatus(err: unknown): number | null {
  const status = (err as { status?: unknown } | null)?.status;
  return typeof status === 'number' ? status : null;
}


/**
 * A Discord answer that retrying cannot change (bad request, missing permission, unknown channel, bad
 * token). Rate limits (429) never get here: the REST client waits `retry_after` and retries itself.
 */
export function isPermanentDiscordError(err: unknown): boolean {
  const status = discordErrorStatus(err);
  return status !== null && status >= 400 && status < 500 && status !== 429;
}

export function describeDiscordError(err: unknown): string {
  const e = err as { status?: number; code?: number | string; message?: string } | null;
  return `${e?.status ?? 'no answer'}${e?.code !== undefined ? ` (code ${e.code})` : ''}: ${e?.message ?? String(err)}`;
}
