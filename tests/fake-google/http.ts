/** HTTP plumbing: replies as values (so faults can mangle them), Google error shapes, bodies. */
import type { IncomingMessage, ServerResponse } from 'node:http';

export interface Reply {
  status: number;
  headers: Record<string, string>;
  /** Text, or bytes already encoded as UTF-8 (large listing pages, see Store.personBytes). */
  body: string | Buffer;
}

function bytesOf(reply: Reply): Buffer {
  return typeof reply.body === 'string' ? Buffer.from(reply.body, 'utf8') : reply.body;
}

export const JSON_TYPE = 'application/json; charset=UTF-8';

export function json(status: number, data: unknown, headers: Record<string, string> = {}): Reply {
  return { status, headers: { 'content-type': JSON_TYPE, ...headers }, body: JSON.stringify(data) };
}

const STATUS_NAMES: Record<number, string> = {
  400: 'INVALID_ARGUMENT',
  401: 'UNAUTHENTICATED',
  403: 'PERMISSION_DENIED',
  404: 'NOT_FOUND',
  409: 'ABORTED',
  429: 'RESOURCE_EXHAUSTED',
  500: 'INTERNAL',
  501: 'NOT_IMPLEMENTED',
  502: 'UNAVAILABLE',
  503: 'UNAVAILABLE',
  504: 'DEADLINE_EXCEEDED',
};

export function statusName(code: number): string {
  return STATUS_NAMES[code] ?? (code >= 500 ? 'INTERNAL' : 'FAILED_PRECONDITION');
}

export interface GoogleErrorOptions {
  status?: string;
  details?: unknown[];
  errors?: unknown[];
  headers?: Record<string, string>;
}

/** `{ error: { code, message, [errors], status, [details] } }` as Google's APIs answer. */
export function googleError(code: number, message: string, opts: GoogleErrorOptions = {}): Reply {
  const error: Record<string, unknown> = { code, message };
  if (opts.errors) error.errors = opts.errors;
  error.status = opts.status ?? statusName(code);
  if (opts.details) error.details = opts.details;
  return json(code, { error }, opts.headers);
}

export function invalidArgument(message: string): Reply {
  return googleError(400, message);
}

export function errorInfo(reason: string, domain: string, metadata: Record<string, string>) {
  return { '@type': 'type.googleapis.com/google.rpc.ErrorInfo', reason, domain, metadata };
}

export function notFound(path: string): Reply {
  return googleError(404, `Requested entity was not found: ${path}`);
}

export class BodyError extends Error {}

const MAX_BODY = 16 * 1024 * 1024;

export async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    const buf = chunk as Buffer;
    size += buf.length;
    if (size > MAX_BODY) throw new BodyError('Request body too large');
    chunks.push(buf);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/** Parses a JSON or (unless `jsonOnly`) form-encoded body into an object. */
export function parseBody(
  req: IncomingMessage,
  text: string,
  jsonOnly = false,
): Record<string, unknown> {
  if (text.trim() === '') return {};
  const type = req.headers['content-type'] ?? '';
  if (!jsonOnly && type.includes('application/x-www-form-urlencoded')) {
    return Object.fromEntries(new URLSearchParams(text));
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    throw new BodyError('Request body is not valid JSON');
  }
  if (typeof data !== 'object' || data === null || Array.isArray(data)) {
    throw new BodyError('Request body must be a JSON object');
  }
  return data as Record<string, unknown>;
}

export function send(res: ServerResponse, reply: Reply): void {
  if (res.destroyed || res.headersSent) return;
  const body = bytesOf(reply);
  res.writeHead(reply.status, { ...reply.headers, 'content-length': String(body.length) });
  res.end(body);
}

/** Sends the headers (with the full Content-Length) and half the body, then drops the socket. */
export function sendTruncated(res: ServerResponse, reply: Reply): void {
  if (res.destroyed || res.headersSent) return;
  const body = bytesOf(reply);
  res.writeHead(reply.status, { ...reply.headers, 'content-length': String(body.length) });
  res.write(body.subarray(0, Math.floor(body.length / 2)), () => res.socket?.destroy());
}

/**
 * Sends the headers (with the full Content-Length) and half the body, then nothing more: the
 * connection stays open until the client gives up or the server stops.
 */
export function sendStalled(res: ServerResponse, reply: Reply): void {
  if (res.destroyed || res.headersSent) return;
  const body = bytesOf(reply);
  res.writeHead(reply.status, { ...reply.headers, 'content-length': String(body.length) });
  res.write(body.subarray(0, Math.floor(body.length / 2)));
}
