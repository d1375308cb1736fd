import type { PlatformDriver } from './platform-driver.ts';
import { normalizeTerminalText } from './terminal-text.ts';

/** A command's output as the user should see it: clean text, without the echoed command and the prompt. */
export function cleanCommandOutput(raw: string, command: string, driver: PlatformDriver): string {
  let text = normalizeTerminalText(raw, driver.pager.cleanup);
  text = stripEcho(text, command);
  text = stripTrailingPrompt(text, driver);
  return text.endsWith('\n') ? text.slice(0, -1) : text;
}

/** The first error marker found in an output (e.g. "% Invalid input"), or null. */
export function findErrorMarker(output: string, driver: PlatformDriver): string | null {
  for (const marker of driver.errorMarkers) {
    const m = marker.exec(output);
    if (m !== null) return m[0];
  }
  return null;
}

/** The device echoes what we typed on the first line; anything before it (a stray CR) goes too. */
function stripEcho(text: string, command: string): string {
  const firstBreak = text.indexOf('\n');
  const firstLine = firstBreak < 0 ? text : text.slice(0, firstBreak);
  const echoed = command.trim();
  if (echoed === '' ? firstLine.trim() === '' : firstLine.trimEnd().endsWith(echoed)) {
    return firstBreak < 0 ? '' : text.slice(firstBreak + 1);
  }
  return text;
}

function stripTrailingPrompt(text: string, driver: PlatformDriver): string {
  const cut = text.lastIndexOf('\n');
  const last = text.slice(cut + 1);
  if (!driver.promptPattern.test(last.trimEnd())) return text;
  const kept = cut < 0 ? '' : text.slice(0, cut + 1);
  return driver.promptTrailer === null ? kept : stripTrailer(kept, driver.promptTrailer);
}

/** Removes whole lines matching `trailer` from the end of `text` (which ends with a line break or is empty). */
function stripTrailer(text: string, trailer: RegExp): string {
  let end = text.length;
  while (end > 0) {
    const start = end >= 2 ? text.lastIndexOf('\n', end - 2) + 1 : 0;
    if (!trailer.test(text.slice(start, end - 1))) break;
    end = start;
  }
  return text.slice(0, end);
}
