/**
 * What Linux says a process holds (bench/memory.bench.ts): /proc/<pid>/status for resident and
 * peak memory, /proc/<pid>/smaps for where it is. Read from outside the process, so a stalled
 * event loop in it cannot hide a peak.
 */
import fs from 'node:fs';

export interface ProcStatus {
  /** Resident set, MB (VmRSS). */
  rss: number;
  /** Highest resident set since start or the last reset, MB (VmHWM). */
  hwm: number;
  threads: number;
}

const MB = 1024;

export function readStatus(pid: number): ProcStatus | null {
  let text: string;
  try {
    text = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  } catch {
    return null; // the process has exited
  }
  const kib = (key: string) => Number(new RegExp(`^${key}:\\s+(\\d+)`, 'm').exec(text)?.[1] ?? 0);
  return { rss: kib('VmRSS') / MB, hwm: kib('VmHWM') / MB, threads: kib('Threads') };
}

/** CPU seconds the process has used, all its threads (utime + stime of /proc/<pid>/stat). */
export function readCpuSeconds(pid: number): number {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the command name (which may hold spaces): utime and stime are the 12th and 13th.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS;
  } catch {
    return NaN;
  }
}

/** USER_HZ: 100 on every Linux build Node supports. */
const CLOCK_TICKS = 100;

/** Resident MB by kind of mapping. */
export interface MapsBreakdown {
  /** glibc's main arena (brk heap): the main thread's malloc — SQLite's page cache among it. */
  mainArena: number;
  /** glibc's per-thread arenas (64 MB reservations): malloc of worker and libuv threads. */
  threadArenas: number;
  /** Other anonymous memory: V8 heaps of every isolate, large malloc blocks, thread stacks. */
  otherAnon: number;
  /** Mapped files: the node binary, better-sqlite3's .node, SQLite's -shm. */
  files: number;
}

interface Mapping {
  start: bigint;
  end: bigint;
  perms: string;
  name: string;
  rssKiB: number;
}

const ARENA_BYTES = 64n * 1024n * 1024n;

function parseSmaps(text: string): Mapping[] {
  const maps: Mapping[] = [];
  for (const line of text.split('\n')) {
    const head = /^([0-9a-f]+)-([0-9a-f]+) (\S{4}) \S+ \S+ \d+\s*(.*)$/.exec(line);
    if (head) {
      maps.push({
        start: BigInt(`0x${head[1]}`),
        end: BigInt(`0x${head[2]}`),
        perms: head[3]!,
        name: head[4] ?? '',
        rssKiB: 0,
      });
      continue;
    }
    const rss = /^Rss:\s+(\d+) kB/.exec(line);
    if (rss && maps.length > 0) maps[maps.length - 1]!.rssKiB = Number(rss[1]);
  }
  return maps;
}

/**
 * A glibc thread arena is a 64 MB-aligned anonymous reservation: a read-write part in use followed
 * by an inaccessible rest, 64 MB together. V8's pages are 256 KB chunks and never look like that.
 */
function isThreadArena(maps: Mapping[], i: number): boolean {
  const m = maps[i]!;
  if (m.name !== '' || !m.perms.startsWith('rw') || m.start % ARENA_BYTES !== 0n) return false;
  const next = maps[i + 1];
  const end =
    next && next.name === '' && next.perms === '---p' && next.start === m.end ? next.end : m.end;
  return end - m.start === ARENA_BYTES;
}

export function readMaps(pid: number): MapsBreakdown | null {
  let text: string;
  try {
    text = fs.readFileSync(`/proc/${pid}/smaps`, 'utf8');
  } catch {
    return null;
  }
  const maps = parseSmaps(text);
  const out: MapsBreakdown = { mainArena: 0, threadArenas: 0, otherAnon: 0, files: 0 };
  maps.forEach((m, i) => {
    const mb = m.rssKiB / MB;
    if (m.name === '[heap]') out.mainArena += mb;
    else if (m.name.startsWith('/')) out.files += mb;
    else if (isThreadArena(maps, i)) out.threadArenas += mb;
    else out.otherAnon += mb;
  });
  return out;
}
