// A dry run applies the same credential checks as a real run (conflicting or half-given keys, a bad
// role-session-name or sts-endpoint), so a pull request check fails where the release would. It stops
// before anything is fetched: the OIDC request URL is hidden from the resolver, so keyless login ends
// at "no token offered" once every check before it passed. Missing credentials are fine in a dry run.
import { CredentialsError } from './credentials-error.js';
import { resolveCredentials, type ResolveDeps } from './resolve.js';

/** Where the resolver stopped because nothing may be fetched, or found nothing to sign with: both fine here. */
const REACHED_THE_NETWORK = new Set(['Credentials.Missing', 'Credentials.OidcUnavailable']);

const never = async (): Promise<never> => {
  throw new Error('a dry run fetches nothing');
};

export async function checkCredentialsDry(d: Pick<ResolveDeps, 'inputs' | 'env' | 'mask'>): Promise<void> {
  try {
    await resolveCredentials({
      ...d,
      env: { ...d.env, ACTIONS_ID_TOKEN_REQUEST_URL: '', ACTIONS_ID_TOKEN_REQUEST_TOKEN: '' },
      getIdToken: never,
      fetch: never as unknown as typeof fetch,
    });
  } catch (e) {
    if (e instanceof CredentialsError && REACHED_THE_NETWORK.has(e.code)) return;
    throw e;
  }
}
