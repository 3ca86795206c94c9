/**
 * Reading and checking a Google OAuth client: the JSON file Google Cloud Console downloads for a
 * client of type "Desktop app", or an ID and secret typed in. Messages say what to do and never
 * repeat the file's content or the secret.
 */
import { AppError } from '../errors.js';
import type { ClientCredentials } from './google-auth.js';

/** The size of a real download is well under 1 KB; anything far bigger is not one. */
export const MAX_CLIENT_FILE_BYTES = 64 * 1024;
const GOOGLE_CLIENT_ID_SUFFIX = '.apps.googleusercontent.com';
const GOOGLE_AUTH_HOSTS = new Set(['accounts.google.com']);
const GOOGLE_TOKEN_HOSTS = new Set(['oauth2.googleapis.com', 'accounts.google.com']);
const HOW_TO_GET_ONE =
  'In Google Cloud Console, create an OAuth client ID of type "Desktop app" and download its JSON.';

export interface ClientCheckOptions {
  /** Against the fake or a development server any ID is accepted (CONTACTS_SYNC_GOOGLE_URL). */
  development: boolean;
}

const invalid = (message: string) => new AppError('INVALID_CLIENT', message);

/** Checks an ID and secret typed in (or read from a file) and returns them trimmed. */
export function checkClient(
  input: { clientId: unknown; clientSecret: unknown },
  options: ClientCheckOptions,
): ClientCredentials {
  const clientId = typeof input.clientId === 'string' ? input.clientId.trim() : '';
  const clientSecret = typeof input.clientSecret === 'string' ? input.clientSecret.trim() : '';
  if (!clientId) throw invalid('The client ID is missing.');
  if (!clientSecret) throw invalid('The client secret is missing.');
  if (/\s/.test(clientId) || clientId.length > 300) {
    throw invalid('The client ID cannot contain spaces and is at most 300 characters long.');
  }
  if (/\s/.test(clientSecret) || clientSecret.length > 300) {
    throw invalid('The client secret cannot contain spaces and is at most 300 characters long.');
  }
  if (!options.development && !clientId.endsWith(GOOGLE_CLIENT_ID_SUFFIX)) {
    throw invalid(
      `A Google client ID ends in "${GOOGLE_CLIENT_ID_SUFFIX}". Copy the whole ID from Google ` +
        'Cloud Console (APIs & Services → Credentials).',
    );
  }
  return { clientId, clientSecret };
}

function hostOf(value: unknown): string | null {
  if (typeof value !== 'string') return null;
  try {
    return new URL(value).hostname;
  } catch {
    return null;
  }
}

/** `redirect_uris` of a Desktop client: Google lists plain loopback addresses there. */
function allowsLoopback(value: unknown): boolean {
  if (!Array.isArray(value)) return false;
  return value.some((uri) => {
    const host = hostOf(uri);
    return host === 'localhost' || host === '127.0.0.1' || host === '[::1]';
  });
}

/**
 * Reads the downloaded client file. Only its `installed` section is used: a "Web application"
 * client cannot use the loopback sign-in of a desktop app. The file's endpoints are checked to be
 * Google's and then not used (the app's own endpoints are), so a crafted file cannot send a
 * sign-in elsewhere.
 */
export function parseClientFile(text: string, options: ClientCheckOptions): ClientCredentials {
  if (text.length > MAX_CLIENT_FILE_BYTES) {
    throw invalid(`This file is too big to be an OAuth client file. ${HOW_TO_GET_ONE}`);
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    // JSON.parse's message quotes the text: not repeated here, it may hold the secret.
    throw invalid(`This file is not an OAuth client file (it is not JSON). ${HOW_TO_GET_ONE}`);
  }
  const root = (typeof parsed === 'object' && parsed !== null ? parsed : {}) as Record<
    string,
    unknown
  >;
  if (root['web'] !== undefined) {
    throw invalid(
      'This is the file of a "Web application" client, which cannot sign in from a desktop app. ' +
        HOW_TO_GET_ONE,
    );
  }
  const installed = root['installed'];
  if (typeof installed !== 'object' || installed === null) {
    throw invalid(
      `This file has no "installed" section, so it is not a Desktop-app OAuth client. ${HOW_TO_GET_ONE}`,
    );
  }
  const section = installed as Record<string, unknown>;
  if (!options.development) {
    const authHost = hostOf(section['auth_uri']);
    const tokenHost = hostOf(section['token_uri']);
    if (
      (section['auth_uri'] !== undefined && !(authHost && GOOGLE_AUTH_HOSTS.has(authHost))) ||
      (section['token_uri'] !== undefined && !(tokenHost && GOOGLE_TOKEN_HOSTS.has(tokenHost)))
    ) {
      throw invalid(
        "This client's sign-in addresses are not Google's, so it was not imported. " +
          HOW_TO_GET_ONE,
      );
    }
    if (section['redirect_uris'] !== undefined && !allowsLoopback(section['redirect_uris'])) {
      throw invalid(
        'This client does not allow the loopback sign-in (http://localhost) desktop apps use. ' +
          HOW_TO_GET_ONE,
      );
    }
  }
  return checkClient(
    { clientId: section['client_id'], clientSecret: section['client_secret'] },
    options,
  );
}
