/**
 * Preview mode has no save dialog: an export is written to exports/ beside the database and the
 * preview server hands it to the browser as a download, with the page's token only.
 */
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { parse as parseCsv } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Api } from '../../src/main/core/api/api.js';
import { systemClock } from '../../src/main/core/clock.js';
import { FileContactsExporter } from '../../src/main/core/export/exporter.js';
import {
  exportsFolderChooser,
  exportsFolderOf,
} from '../../src/main/core/export/exports-folder.js';
import { PreviewServer } from '../../src/main/preview/server.js';
import type { ExportResult } from '../../src/shared/api/contract.js';
import { Harness } from './harness.js';

let h: Harness;
let api: Api;
let server: PreviewServer | undefined;

beforeAll(async () => {
  h = await Harness.start({ contacts: 150 });
  await h.sync();
  const exporter = new FileContactsExporter(h.db, exportsFolderChooser(h.dbFile, systemClock), {
    downloadUrl: (file) => server?.downloadUrlFor(file),
  });
  api = new Api({
    db: h.db,
    clock: systemClock,
    orchestrator: h.orchestrator,
    reports: h.reports,
    exporter,
  });
  server = await PreviewServer.start({
    endpoint: api,
    rendererDir: h.dir,
    downloadsDir: exportsFolderOf(h.dbFile),
  });
});

afterAll(async () => {
  await server?.close();
  api.dispose();
  await h.close();
});

function get(pathAndQuery: string) {
  const port = server!.address().port;
  return new Promise<{ status: number; headers: http.IncomingHttpHeaders; body: string }>(
    (resolve, reject) => {
      http
        .get({ host: '127.0.0.1', port, path: pathAndQuery }, (res) => {
          let body = '';
          res.on('data', (chunk: Buffer) => (body += chunk.toString()));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
        })
        .on('error', reject);
    },
  );
}

describe('preview downloads', () => {
  it('serves a finished export as an attachment the browser saves', async () => {
    const result = await api.call('exportContacts', { format: 'csv' });
    expect(result.ok).toBe(true);
    const { downloadUrl, count, file } = (result as { value: ExportResult }).value;
    expect(count).toBe(150);
    expect(downloadUrl).toMatch(/^\/exports\/contacts-[\dT-]+\.csv\?token=/);
    const response = await get(downloadUrl!);
    expect(response.status).toBe(200);
    expect(response.headers['content-disposition']).toBe(
      `attachment; filename="${path.basename(file!)}"`,
    );
    expect(response.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(parseCsv(response.body, { columns: true })).toHaveLength(150);
  });

  it('needs the token, and serves nothing but plain names in the exports folder', async () => {
    const result = await api.call('exportContacts', { format: 'vcard' });
    const { downloadUrl } = (result as { value: ExportResult }).value;
    expect((await get(downloadUrl!.replace(/\?token=.*/, ''))).status).toBe(403);
    const token = downloadUrl!.slice(downloadUrl!.indexOf('?'));
    expect((await get(`/exports/..%2Fcontacts.db${token}`)).status).toBe(404);
    expect((await get(`/exports/.hidden${token}`)).status).toBe(404);
    expect(fs.existsSync(h.dbFile)).toBe(true);
    expect(server!.downloadUrlFor(h.dbFile)).toBeUndefined();
  });
});
