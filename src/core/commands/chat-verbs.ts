/** The verbs of the chat contract (ARCHITECTURE.md "Contracts"), in the order help lists them. */
export const CHAT_VERBS = ['help', 'devices', 'workflows', 'run', 'status', 'cancel', 'approve', 'reject', 'diff', 'history', 'whoami'] as const;
export type ChatVerb = (typeof CHAT_VERBS)[number];

export function isChatVerb(text: string): text is ChatVerb {
  return (CHAT_VERBS as readonly string[]).includes(text);
}
