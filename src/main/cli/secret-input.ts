/**
 * Secrets reach the CLI on standard input or from the environment, never as arguments: an
 * argument is visible to every user of the computer in `ps` and stays in shell history.
 */
import { createInterface } from 'node:readline';

/** Reads one secret: a line typed at a terminal (after `prompt` on stderr), or all of a pipe. */
export async function readSecretFromStdin(prompt: string): Promise<string> {
  if (process.stdin.isTTY) {
    const rl = createInterface({ input: process.stdin, output: process.stderr, terminal: true });
    try {
      return await new Promise<string>((resolve) => rl.question(prompt, resolve));
    } finally {
      rl.close();
    }
  }
  let text = '';
  for await (const chunk of process.stdin) text += String(chunk);
  return text;
}
