export * from './ssh-connector.ts';
export * from './ssh-session.ts';
export * from './platform-driver.ts';
export * from './drivers/index.ts';
export * from './host-key.ts';
export * from './secret-masker.ts';
export * from './terminal-text.ts';
export * from './command-output.ts';
