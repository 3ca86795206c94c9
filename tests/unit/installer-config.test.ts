/**
 * The installer configuration as electron-builder itself reads and validates it: the fuses that
 * keep the packaged binary from running as Node, and the pinned packager the scripts use.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { getConfig, validateConfiguration } from 'app-builder-lib/out/util/config/config.js';
import { DebugLogger } from 'builder-util';
import { describe, expect, it } from 'vitest';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

describe('electron-builder configuration', () => {
  it('flips the Electron fuses that would expose the app and its tokens', async () => {
    const config = await getConfig(ROOT, null, null);
    await validateConfiguration(config, new DebugLogger(false));
    expect(config.electronFuses).toEqual({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
      enableCookieEncryption: true,
    });
  });

  it('packages with the pinned electron-builder of devDependencies, never a download', () => {
    const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as {
      scripts: Record<string, string>;
      devDependencies: Record<string, string>;
    };
    expect(pkg.devDependencies['electron-builder']).toMatch(/^\d+\.\d+\.\d+$/);
    for (const name of ['dist', 'rebuild:electron']) {
      expect(pkg.scripts[name]).toMatch(/(^|&& )electron-builder /);
      expect(pkg.scripts[name]).not.toContain('npx');
    }
  });
});
