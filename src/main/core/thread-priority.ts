import fs from 'node:fs';
import os from 'node:os';

/**
 * Nice value of the export and statistics threads: below the main (UI) thread, but not so far
 * below that a job the person is waiting for crawls on a busy machine (at 10, one bench run at
 * load 7 took 30 s for a 100k export, against 7 s at 0 and load 4.8).
 */
export const BACKGROUND_NICE = 5;

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
