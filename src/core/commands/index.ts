export * from './chat-command-parser.ts';
export * from './chat-intent.ts';
export * from './chat-verbs.ts';
export * from './help-text.ts';
export * from './run-ref.ts';
export * from './target-selector.ts';
