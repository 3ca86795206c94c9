// Types of after-pack.mjs (plain JavaScript, so electron-builder loads it without a build step).
export function abiOfNativeModule(bytes: Buffer): number | null;
export function nativeModulePath(
  appOutDir: string,
  platformName: string,
  productFilename: string,
): string;
export function abiMismatch(
  found: number | null,
  electronVersion: string,
  expected: number,
): string | null;
export function afterPack(context: unknown): Promise<void>;
export default afterPack;
