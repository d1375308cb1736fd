import type { RunRef } from './run-ref.ts';
import type { TargetSelector } from './target-selector.ts';

/** What a chat command asks for, independent of Slack or Discord. Discriminated on `kind` (the verb). */
export type ChatIntent =
  | { kind: 'help'; topic: string | null }
  | { kind: 'devices'; filter: string | null }
  | { kind: 'workflows' }
  | {
      kind: 'run';
      workflow: string;
      /** The target in canonical text form (formatTarget: no spaces, no duplicates), for the run record. */
      targetText: string;
      target: TargetSelector;
      /** Raw strings; validateParams types and checks them against the workflow. */
      params: Record<string, string>;
      dryRun: boolean;
    }
  | { kind: 'status'; runRef: RunRef }
  | { kind: 'cancel'; runRef: RunRef }
  | { kind: 'approve'; runRef: RunRef; comment: string | null }
  | { kind: 'reject'; runRef: RunRef; reason: string | null }
  | { kind: 'diff'; runRef: RunRef }
  | { kind: 'history'; device: string | null }
  | { kind: 'whoami' };

export type ChatIntentKind = ChatIntent['kind'];
