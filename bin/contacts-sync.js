#!/usr/bin/env node
// Runs the TypeScript CLI directly so `npx contacts-sync` works in a checkout right after `npm ci`.
import { register } from 'tsx/esm/api';

register();
await import('../src/main/cli.ts');
