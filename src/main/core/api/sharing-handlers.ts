/**
 * Sharing's calls (issue 16): the CardDAV server's and phone directory's settings and state, and
 * a new app password. Spread into the handler table.
 */
import type { ApiResponses, ParsedRequest } from '../../../shared/api/contract.js';
import type { SharingPatch } from '../../../shared/api/sharing.js';
import { notAvailable } from './failures.js';

/** SharingService, as far as the API goes. */
export interface SharingPort {
  status(): ApiResponses['getSharing'];
  update(patch: SharingPatch): Promise<ApiResponses['updateSharing']>;
  regeneratePassword(): ApiResponses['regenerateSharingPassword'];
}

type Handlers = {
  [M in 'getSharing' | 'updateSharing' | 'regenerateSharingPassword']: (
    request: ParsedRequest<M>,
  ) => ApiResponses[M] | Promise<ApiResponses[M]>;
};

export function sharingHandlers(ctx: { sharing?: SharingPort | undefined }): Handlers {
  const service = (): SharingPort => {
    if (!ctx.sharing) throw notAvailable('Sharing with other apps');
    return ctx.sharing;
  };
  return {
    getSharing: () => service().status(),
    updateSharing: (patch) => service().update(patch),
    regenerateSharingPassword: () => service().regeneratePassword(),
  };
}
