/** Discord's message limits (developer docs: messages, embeds, components, threads). */
export const DiscordLimits = {
  content: 2000,
  embedTitle: 256,
  embedDescription: 4096,
  embedFieldName: 256,
  embedFieldValue: 1024,
  embedFooter: 2048,
  /** Across every embed of one message. */
  embedsTotal: 6000,
  buttonLabel: 80,
  customId: 100,
  threadName: 100,
  modalTitle: 45,
  autocompleteChoices: 25,
  choiceName: 100,
  choiceValue: 100,
  /** Message flag: only the user who triggered the interaction sees the message. */
  ephemeral: 64,
} as const;

/** Cuts text to at most `max` characters, marking the cut with an ellipsis. */
export function truncate(text: string, max: number): string {
  if (text.length <= max) return text;
  return `${text.slice(0, Math.max(0, max - 1))}…`;
}

/** A fenced code block of at most `max` characters overall; a fence inside the text cannot close it early. */
export function codeBlock(text: string, max: number, language = ''): string {
  const safe = text.replace(/```/g, '`\u200b``');
  const overhead = `\`\`\`${language}\n\n\`\`\``.length;
  return `\`\`\`${language}\n${truncate(safe, Math.max(1, max - overhead))}\n\`\`\``;
}

/** Inline code that stays inline: backticks and line breaks cannot escape it. */
export function inlineCode(text: string, max = 200): string {
  return `\`${truncate(text.replace(/[`\r\n]+/g, ' '), max)}\``;
}
