/**
 * Module-resolution hook (node:module `register`): `electron` resolves to the built stand-in,
 * so the app's own `import … from 'electron'` runs unchanged and node_modules stays untouched.
 */
interface ResolveContext {
  parentURL?: string;
}
type NextResolve = (specifier: string, context: ResolveContext) => Promise<{ url: string }>;

let standinUrl = '';

export function initialize(data: { standinUrl: string }): void {
  standinUrl = data.standinUrl;
}

export async function resolve(
  specifier: string,
  context: ResolveContext,
  nextResolve: NextResolve,
): Promise<{ url: string; shortCircuit?: boolean }> {
  if (specifier === 'electron') return { url: standinUrl, shortCircuit: true };
  return nextResolve(specifier, context);
}
