import type { RunView } from './run-view.ts';

/**
 * What a chat command answers, as plain data. Adapters format it (Block Kit, embeds) and choose
 * ephemeral vs public from `visibility`. `run_requested` is public: it becomes the run's parent message.
 */
export type ChatReply =
  | { kind: 'text'; visibility: 'ephemeral'; title: string | null; text: string }
  | { kind: 'error'; visibility: 'ephemeral'; code: string; message: string; usage: string | null }
  | { kind: 'list'; visibility: 'ephemeral'; title: string; items: { name: string; detail: string }[]; more: number }
  | { kind: 'run_requested'; visibility: 'public'; run: RunView }
  | { kind: 'run_status'; visibility: 'ephemeral'; run: RunView }
  | { kind: 'run_decided'; visibility: 'ephemeral'; run: RunView; message: string }
  | { kind: 'diff'; visibility: 'ephemeral'; run: RunView; diffs: { device: string; diff: string | null }[] };
