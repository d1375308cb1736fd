/** How a receiver's answer is judged: 2xx succeeds; 408, 429 and 5xx may succeed later; the rest never will. */
export function judgeResponse(status: number, location: string | null): { ok: boolean; retryable: boolean; error: string | null } {
  if (status >= 200 && status < 300) return { ok: true, retryable: false, error: null };
  if (status >= 300 && status < 400) {
    return { ok: false, retryable: false, error: `HTTP ${status}: redirects are not followed${location ? ` (Location: ${location.slice(0, 200)})` : ''}; configure the final URL` };
  }
  const retryable = status === 408 || status === 429 || status >= 500;
  return { ok: false, retryable, error: `HTTP ${status}` };
}

/** Delay before the next attempt after `attempt` failed: base · 2^(attempt-1), as BullMQ's exponential back-off. */
export function retryDelayMs(baseMs: number, attempt: number): number {
  return Math.round(baseMs * 2 ** Math.max(0, attempt - 1));
}
