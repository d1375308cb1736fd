export interface ProbeOutcome {
  ok: boolean;
  /** The check's answer when ok, else the reason it failed. */
  detail: string;
  at: Date;
}

/**
 * A check of a chat platform (Slack auth.test, Discord GET /users/@me) asked at most once per `maxAgeMs`
 * (default a minute) and bounded by `timeoutMs` (default 5 s): the settings page shows a live state without
 * each view costing a platform call. Concurrent callers share one check.
 */
export function statusProbe(check: () => Promise<string>, opts: { maxAgeMs?: number; timeoutMs?: number } = {}): () => Promise<ProbeOutcome> {
  const maxAgeMs = opts.maxAgeMs ?? 60_000;
  const timeoutMs = opts.timeoutMs ?? 5000;
  let last: ProbeOutcome | null = null;
  let pending: Promise<ProbeOutcome> | null = null;
  const run = async (): Promise<ProbeOutcome> => {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs);
    });
    try {
      return { ok: true, detail: await Promise.race([check(), timeout]), at: new Date() };
    } catch (err) {
      return { ok: false, detail: err instanceof Error ? err.message : String(err), at: new Date() };
    } finally {
      clearTimeout(timer);
    }
  };
  return async () => {
    if (last && Date.now() - last.at.getTime() < maxAgeMs) return last;
    pending ??= run().then((outcome) => {
      last = outcome;
      pending = null;
      return outcome;
    });
    return pending;
  };
}
