import fs from 'node:fs';
import path from 'node:path';
import { createLogger } from '../logger.js';
import { processExists } from '../process-alive.js';

const log = createLogger('export');

/** `.contacts.vcf.1234.partial`: hidden, beside the target (so the rename is atomic), and named
 * after the process writing it, so a later export can tell a killed one's leftovers. */
const PARTIAL = /^\..+\.(\d+)\.partial$/;

export function partialFileFor(file: string, pid: number): string {
  return path.join(path.dirname(file), `.${path.basename(file)}.${pid}.partial`);
}

/**
 * Removes what exports killed mid-write (SIGKILL, power cut) left in `folder`; an export still
 * running in another process keeps its file. Never fails an export: cleaning is a courtesy.
 */
export function removeStalePartials(folder: string): void {
  let names: string[];
  try {
    names = fs.readdirSync(folder);
  } catch {
    return; // a missing folder is reported when the export opens its file
  }
  for (const name of names) {
    const pid = Number(PARTIAL.exec(name)?.[1] ?? NaN);
    if (Number.isNaN(pid) || (pid !== process.pid && processExists(pid))) continue;
    try {
      fs.rmSync(path.join(folder, name), { force: true });
      log.info('removed an unfinished export', { file: name });
    } catch (error) {
      log.warn('could not remove an unfinished export', {
        file: name,
        code: (error as NodeJS.ErrnoException).code,
      });
    }
  }
}
