/**
 * Export and the deleted contacts (issue 12 items 2 and 3). Spread into the handler table.
 */
import type { ApiEvent, ApiResponses, ParsedRequest } from '../../../shared/api/contract.js';
import type { Db } from '../db/connection.js';
import { AppError } from '../errors.js';
import { listDeletedContacts } from './deleted-contacts.js';
import { notAvailable } from './failures.js';
import type { ContactsExporter } from './ports.js';

export interface ExportHandlerContext {
  db: Db;
  exporter?: ContactsExporter | undefined;
  publish(event: ApiEvent): void;
}

type Handlers = {
  [M in 'exportContacts' | 'listDeletedContacts']: (
    request: ParsedRequest<M>,
  ) => Promise<ApiResponses[M]> | ApiResponses[M];
};

export function exportHandlers(ctx: ExportHandlerContext): Handlers {
  /** One export at a time: a second would compete for the disk and mix up the progress bar. */
  let running = false;
  return {
    exportContacts: async ({ includeDeleted, ...rest }) => {
      if (!ctx.exporter) throw notAvailable('Export');
      if (running) {
        throw new AppError(
          'EXPORT_RUNNING',
          'An export is already running. Wait for it to finish.',
        );
      }
      running = true;
      try {
        return await ctx.exporter.export(
          { ...rest, includeDeleted: includeDeleted ?? false },
          (p) => ctx.publish({ name: 'exportProgress', payload: p }),
        );
      } finally {
        running = false;
      }
    },
    listDeletedContacts: (request) => listDeletedContacts(ctx.db, request),
  };
}
