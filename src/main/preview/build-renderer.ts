/** Builds the renderer with Vite into dist/renderer (preview and demo serve that folder). */
import path from 'node:path';
import { build } from 'vite';
import { PROJECT_ROOT } from './app.js';

export async function buildRenderer(): Promise<void> {
  await build({ configFile: path.join(PROJECT_ROOT, 'vite.config.ts'), logLevel: 'warn' });
}
