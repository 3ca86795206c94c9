import fs from 'node:fs';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { abiMismatch, abiOfNativeModule, nativeModulePath } from '../../build/after-pack.mjs';

const require = createRequire(import.meta.url);

describe('the afterPack native-module check', () => {
  it('reads the Node ABI a real native addon was built for', () => {
    const addon = require.resolve('better-sqlite3/build/Release/better_sqlite3.node');
    expect(abiOfNativeModule(fs.readFileSync(addon))).toBe(Number(process.versions.modules));
    expect(abiOfNativeModule(Buffer.from('no addon here'))).toBeNull();
  });

  it('lets a matching module through and names both ABIs on a mismatch', () => {
    expect(abiMismatch(145, '41.10.0', 145)).toBeNull();
    const message = abiMismatch(115, '41.10.0', 145);
    expect(message).toContain('Node ABI 115');
    expect(message).toContain('Electron 41.10.0 needs ABI 145');
    expect(message).toContain('npm run rebuild:electron');
    expect(abiMismatch(null, '41.10.0', 145)).toContain('an unknown Node ABI');
  });

  it('looks inside the app bundle on macOS and in resources/ elsewhere', () => {
    expect(nativeModulePath('/out/mac', 'darwin', 'Contacts Sync Agent')).toBe(
      '/out/mac/Contacts Sync Agent.app/Contents/Resources/app.asar.unpacked/node_modules/better-sqlite3/build/Release/better_sqlite3.node',
    );
    expect(nativeModulePath('/out/linux-unpacked', 'linux', 'x')).toBe(
      '/out/linux-unpacked/resources/app.asar.unpacked/node_modules/better-sqlite3/build/Release/better_sqlite3.node',
    );
  });
});
