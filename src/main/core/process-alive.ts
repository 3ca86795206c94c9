/**
 * Whether a process of this machine (this PID namespace) still exists: a lease or a file named
 * after a process that no longer runs was left by a crash or a kill.
 */
export function processExists(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists, but belongs to another user.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
