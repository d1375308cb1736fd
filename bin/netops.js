#!/usr/bin/env node
// Runs the TypeScript sources through tsx so that `npx netops` works straight after `npm install`.
import { register } from 'tsx/esm/api';

register();
await import(new URL('../src/main/cli.ts', import.meta.url).href);
