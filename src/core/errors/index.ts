export * from './error-codes.ts';
export * from './netops-error.ts';
