// electron-builder `afterPack` hook: refuses to ship a native module built for another Node ABI
// than the packaged Electron's. electron-builder rebuilds better-sqlite3 for Electron while
// packaging; when that rebuild cannot run (offline: Electron's headers cannot be downloaded) it
// still reports "finished", and the app would fail at its first start. This stops the build
// instead. `npm run dist:check` exercises it (scripts/dist-check.ts).
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';

const NATIVE_MODULE = 'node_modules/better-sqlite3/build/Release/better_sqlite3.node';

/** The ABI a native addon was built for: Node exports `node_register_module_v<ABI>` from it. */
export function abiOfNativeModule(bytes) {
  const match = /node_register_module_v(\d+)/.exec(bytes.toString('latin1'));
  return match ? Number(match[1]) : null;
}

/** Where the unpacked native module sits in a packaged app, per platform. */
export function nativeModulePath(appOutDir, platformName, productFilename) {
  const resources =
    platformName === 'darwin' || platformName === 'mas'
      ? path.join(appOutDir, `${productFilename}.app`, 'Contents', 'Resources')
      : path.join(appOutDir, 'resources');
  return path.join(resources, 'app.asar.unpacked', NATIVE_MODULE);
}

/** The message for a mismatch, or null when the module fits the Electron version. */
export function abiMismatch(found, electronVersion, expected) {
  if (found === expected) return null;
  const built = found === null ? 'an unknown Node ABI' : `Node ABI ${found}`;
  return (
    `better_sqlite3.node is built for ${built}, but Electron ${electronVersion} needs ABI ` +
    `${expected}: rebuilding it for Electron failed (its headers could not be downloaded?). ` +
    "The app would not start, so the build stops here. On a machine that can reach Electron's " +
    'headers, run `npm run rebuild:electron` and package again.'
  );
}

export async function afterPack(context) {
  const require = createRequire(import.meta.url);
  const { getAbi } = require('node-abi');
  const electronVersion =
    context.packager.info.framework?.version ?? require('electron/package.json').version;
  const file = nativeModulePath(
    context.appOutDir,
    context.electronPlatformName,
    context.packager.appInfo.productFilename,
  );
  if (!fs.existsSync(file)) {
    throw new Error(`The packaged app has no ${NATIVE_MODULE} outside app.asar (${file}).`);
  }
  const expected = Number(getAbi(electronVersion, 'electron'));
  const problem = abiMismatch(abiOfNativeModule(fs.readFileSync(file)), electronVersion, expected);
  if (problem) throw new Error(problem);
}

export default afterPack;
