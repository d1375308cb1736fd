import type { Logger } from 'pino';

export interface ChatAdmissionOptions {
  /** Chat commands worked on at once in this process (CHAT_MAX_IN_FLIGHT). */
  maxInFlight: number;
  /** Accepted commands that may wait for a free place (CHAT_MAX_QUEUED); beyond both, commands are refused. */
  maxQueued: number;
  logger: Logger;
  /** At most one "busy" warning per this many ms (default 10 s); the refusals in between are counted in it. */
  warnEveryMs?: number;
  /** A place taken but never given work within this time is given back, with a warning (default 30 s). */
  unusedPlaceMs?: number;
}

/** Counts since the process started, and the current load; shown by /readyz. */
export interface ChatAdmissionStats {
  maxInFlight: number;
  maxQueued: number;
  inFlight: number;
  queued: number;
  /** Commands accepted (each is worked on, now or after waiting). */
  accepted: number;
  /** Commands answered "busy, nothing was run". */
  refusedBusy: number;
  completed: number;
  /** Accepted commands whose work threw (the handlers answer their own errors: this should stay 0). */
  failed: number;
  peakQueued: number;
}

/** A place in the limiter: give it the work once (run), or give it back unused (release). */
export interface AdmissionTicket {
  /** Starts `work` now, or when a place frees; resolves once it settled (never rejects). */
  run(work: () => Promise<unknown>): Promise<void>;
  /** Gives the place back unused; does nothing once `run` was called. */
  release(): void;
  /** Ms the command waited in line: from `admit` until its work started (or until now, while it waits). */
  waitedMs(): number;
}

type Platform = 'slack' | 'discord';

interface Place {
  state: 'waiting' | 'holding' | 'running' | 'done';
  platform: Platform;
  work: (() => Promise<unknown>) | null;
  finished: () => void;
  timer: NodeJS.Timeout | null;
  admittedAt: number;
  startedAt: number | null;
}

/**
 * Admission control for chat commands in one process: at most `maxInFlight` are worked on, at most
 * `maxQueued` more wait in line, in arrival order. Past both, `admit` says no at once so the platform
 * adapter can answer "busy, nothing was run" inside the ack: work is never accepted and then dropped.
 * The decision is synchronous and allocation-light because it sits on the ack path.
 */
export class ChatAdmission {
  private inFlight = 0;
  private readonly waiting: Place[] = [];
  private readonly counts = { accepted: 0, refusedBusy: 0, completed: 0, failed: 0, peakQueued: 0 };
  private refusedSinceWarning = 0;
  private lastWarningAt = Number.NEGATIVE_INFINITY;

  constructor(private readonly opts: ChatAdmissionOptions) {}

  /** A place for one command, or null when NetOps is busy (the refusal is counted and logged, throttled). */
  admit(platform: Platform): AdmissionTicket | null {
    let place: Place;
    if (this.inFlight < this.opts.maxInFlight) {
      this.inFlight++;
      place = this.newPlace('holding', platform);
    } else if (this.waiting.length < this.opts.maxQueued) {
      place = this.newPlace('waiting', platform);
      this.waiting.push(place);
      if (this.waiting.length > this.counts.peakQueued) this.counts.peakQueued = this.waiting.length;
    } else {
      this.refuse(platform);
      return null;
    }
    this.counts.accepted++;
    return {
      run: (work) => this.give(place, work),
      release: () => { if (!place.work) this.giveBack(place, false); },
      waitedMs: () => (place.startedAt ?? Date.now()) - place.admittedAt,
    };
  }

  stats(): ChatAdmissionStats {
    return { maxInFlight: this.opts.maxInFlight, maxQueued: this.opts.maxQueued, inFlight: this.inFlight, queued: this.waiting.length, ...this.counts };
  }

  /** Resolves once nothing is worked on or waiting (or after `timeoutMs`): accepted commands finish before shutdown. */
  async drain(timeoutMs = 15_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while ((this.inFlight > 0 || this.waiting.length > 0) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    if (this.inFlight > 0 || this.waiting.length > 0) this.opts.logger.warn({ inFlight: this.inFlight, queued: this.waiting.length }, 'chat commands still running at shutdown');
  }

  private newPlace(state: 'waiting' | 'holding', platform: Platform): Place {
    const place: Place = { state, platform, work: null, finished: () => undefined, timer: null, admittedAt: Date.now(), startedAt: null };
    place.timer = setTimeout(() => {
      if (place.work) return;
      this.opts.logger.warn({ platform }, 'chat command place given back unused (its answer was never sent)');
      this.giveBack(place, false);
    }, this.opts.unusedPlaceMs ?? 30_000);
    place.timer.unref();
    return place;
  }

  private give(place: Place, work: () => Promise<unknown>): Promise<void> {
    if (place.work || place.state === 'done') throw new Error('an admission ticket runs one piece of work');
    if (place.timer) clearTimeout(place.timer);
    place.work = work;
    const settled = new Promise<void>((resolve) => { place.finished = resolve; });
    if (place.state === 'holding') this.start(place);
    return settled;
  }

  private start(place: Place): void {
    place.state = 'running';
    place.startedAt = Date.now();
    let failed = false;
    void Promise.resolve()
      .then(() => place.work?.())
      .catch((err: unknown) => {
        failed = true;
        this.opts.logger.error({ platform: place.platform, err: err instanceof Error ? err.message : String(err) }, 'chat command failed');
      })
      .finally(() => this.giveBack(place, failed));
  }

  /** Frees the place (its slot or its spot in line) and starts the next waiting command. */
  private giveBack(place: Place, failed: boolean): void {
    if (place.state === 'done') return;
    if (place.timer) clearTimeout(place.timer);
    if (place.state === 'waiting') {
      const at = this.waiting.indexOf(place);
      if (at >= 0) this.waiting.splice(at, 1);
    } else {
      this.inFlight--;
      if (place.state === 'running') this.counts[failed ? 'failed' : 'completed']++;
    }
    place.state = 'done';
    place.finished();
    while (this.inFlight < this.opts.maxInFlight && this.waiting.length > 0) {
      const next = this.waiting.shift()!;
      this.inFlight++;
      next.state = 'holding';
      if (next.work) this.start(next);
    }
  }

  private refuse(platform: Platform): void {
    this.counts.refusedBusy++;
    this.refusedSinceWarning++;
    const now = Date.now();
    if (now - this.lastWarningAt < (this.opts.warnEveryMs ?? 10_000)) return;
    this.opts.logger.warn({
      platform, refused: this.refusedSinceWarning, refusedTotal: this.counts.refusedBusy,
      inFlight: this.inFlight, queued: this.waiting.length, maxInFlight: this.opts.maxInFlight, maxQueued: this.opts.maxQueued,
    }, 'chat commands refused: NetOps is busy (nothing was run for them)');
    this.lastWarningAt = now;
    this.refusedSinceWarning = 0;
  }
}

/** The text a refused command gets, on every platform: what happened, that nothing ran, what to do. */
export const BUSY_TEXT = 'NetOps is busy right now, so it did not run this command: nothing was requested or changed. Try again in a few seconds.';
