/**
 * A local peer for the benchmarks that compare us with the tools people already use: Debian's
 * Radicale serving vCard files, and vdirsyncer mirroring a CardDAV collection into a vdir
 * (bench/carddav.bench.ts, bench/peer.bench.ts). Installs nothing: `missingPeerTools` says what
 * is absent.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';

/** The programs of the comparison that are not installed (empty when all are). */
export function missingPeerTools(): string[] {
  return ['vdirsyncer', 'radicale'].filter(
    (program) => spawnSync(program, ['--version']).status !== 0,
  );
}

export async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as net.AddressInfo).port;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

async function waitForPort(port: number): Promise<void> {
  for (let i = 0; i < 200; i++) {
    const open = await new Promise<boolean>((resolve) => {
      const socket = net.connect(port, '127.0.0.1', () => {
        socket.end();
        resolve(true);
      });
      socket.on('error', () => resolve(false));
    });
    if (open) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`nothing listens on ${port}`);
}

export interface Card {
  /** The file's name without `.vcf` (Radicale's href). */
  name: string;
  vcard: string;
}

/** The address book Radicale serves at `/contacts/google/`, in its file-system storage. */
function radicaleBook(root: string): string {
  return path.join(root, 'collection-root', 'contacts', 'google');
}

/**
 * Radicale's file-system storage: one folder per collection, one .vcf per card. Only files whose
 * content changed are rewritten, as a CardDAV upload would change them.
 */
export function writeRadicaleCollection(root: string, cards: Iterable<Card>): void {
  const book = radicaleBook(root);
  fs.mkdirSync(book, { recursive: true });
  fs.writeFileSync(path.join(book, '.Radicale.props'), JSON.stringify({ tag: 'VADDRESSBOOK' }));
  for (const card of cards) {
    const file = path.join(book, `${card.name}.vcf`);
    if (!fs.existsSync(file) || fs.readFileSync(file, 'utf8') !== card.vcard) {
      fs.writeFileSync(file, card.vcard);
    }
  }
}

export interface Radicale {
  /** The base URL; the address books are under `contacts/`. */
  url: string;
  stop(): void;
}

/** Starts Radicale (no authentication, warnings only) on a free port of 127.0.0.1. */
export async function startRadicale(dir: string, root: string): Promise<Radicale> {
  const port = await freePort();
  const config = path.join(dir, 'radicale.conf');
  fs.writeFileSync(
    config,
    `[server]\nhosts = 127.0.0.1:${port}\n[auth]\ntype = none\n[storage]\nfilesystem_folder = ${root}\n[logging]\nlevel = warning\n`,
  );
  const child: ChildProcess = spawn('radicale', ['--config', config], { stdio: 'ignore' });
  await waitForPort(port);
  return { url: `http://127.0.0.1:${port}/`, stop: () => child.kill() };
}

/**
 * A vdirsyncer configuration mirroring the CardDAV address books at `url` (read-only) into the
 * folder `<dir>/<name>-vdir/`, one .vcf per card; answers the configuration file.
 */
export function vdirsyncerConfig(dir: string, name: string, url: string): string {
  const file = path.join(dir, `${name}.conf`);
  fs.writeFileSync(
    file,
    `[general]\nstatus_path = "${dir}/${name}-status/"\n\n[pair p]\na = "local"\nb = "remote"\ncollections = ["from b"]\nconflict_resolution = "b wins"\n\n[storage local]\ntype = "filesystem"\npath = "${dir}/${name}-vdir/"\nfileext = ".vcf"\n\n[storage remote]\ntype = "carddav"\nurl = "${url}"\nusername = "contacts"\npassword = "bench-password"\nread_only = true\n`,
  );
  return file;
}

/** vdirsyncer as a child process; never synchronously, since a server may run in this process. */
export function vdirsyncer(config: string, args: string[], input = ''): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn('vdirsyncer', ['-c', config, ...args], {
      stdio: ['pipe', 'ignore', 'pipe'],
    });
    let errors = '';
    child.stderr.on('data', (chunk: Buffer) => (errors += chunk.toString()));
    child.stdin.end(input);
    child.on('close', (code) => (code === 0 ? resolve() : reject(new Error(errors))));
  });
}

/** Answers vdirsyncer's "create this collection?" questions. */
export function discover(config: string): Promise<void> {
  return vdirsyncer(config, ['discover', 'p'], 'y\n'.repeat(5));
}
