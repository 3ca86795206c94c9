/**
 * The sign-in client's calls (issue 18 item 8): which Google OAuth client the app signs in with,
 * importing the person's own, and forgetting it. Spread into the handler table.
 */
import type { ApiResponses, ParsedRequest } from '../../../shared/api/contract.js';
import type { SignInClientInput } from '../auth/sign-in-client.js';
import { notAvailable } from './failures.js';

/** SignInClientService, as far as the API goes. */
export interface SignInClientPort {
  info(): ApiResponses['getSignInClient'];
  set(input: SignInClientInput): ApiResponses['setSignInClient'];
  clear(): ApiResponses['clearSignInClient'];
}

export interface SignInClientHandlerContext {
  signInClient?: SignInClientPort | undefined;
  /** Tell every client the status changed (a client makes "Connect account" possible). */
  announce(): void;
}

type Handlers = {
  [M in 'getSignInClient' | 'setSignInClient' | 'clearSignInClient']: (
    request: ParsedRequest<M>,
  ) => ApiResponses[M];
};

export function signInClientHandlers(ctx: SignInClientHandlerContext): Handlers {
  const service = (): SignInClientPort => {
    if (!ctx.signInClient) throw notAvailable('Choosing the Google sign-in client');
    return ctx.signInClient;
  };
  return {
    getSignInClient: () => service().info(),
    setSignInClient: ({ json, clientId, clientSecret }) => {
      // The schema allows exactly one of the two shapes.
      const info = service().set(
        json !== undefined
          ? { json }
          : { clientId: clientId ?? '', clientSecret: clientSecret ?? '' },
      );
      ctx.announce();
      return info;
    },
    clearSignInClient: () => {
      const info = service().clear();
      ctx.announce();
      return info;
    },
  };
}
