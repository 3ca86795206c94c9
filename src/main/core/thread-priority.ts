import fs from 'node:fs';
import os from 'node:os';

/** Nice value of background worker threads: below the main (UI) thread, above idle. */
const BACKGROUND_NICE = 10;

/**
 * Lowers the calling thread's CPU priority, so that on a busy machine the main thread, which
 * answers the windows, wins the CPU from a long export or count. Linux only (a thread has its own
 * nice value there, set through its task id); elsewhere, or if refused, the thread runs as it was.
 */
export function runInBackground(): void {
  try {
    const task = Number(fs.readlinkSync('/proc/thread-self').split('/').pop());
    if (Number.isInteger(task) && task !== process.pid) os.setPriority(task, BACKGROUND_NICE);
  } catch {
    // not Linux, or no /proc: same priority as the main thread
  }
}
