// A dry run applies the same credential checks as a real run (conflicting or half-given keys, a bad
// role-session-name or sts-endpoint), so a pull request check fails where the release would. It stops
// before anything is fetched: no OIDC token, no STS call. Missing credentials are fine in a dry run.
import { CredentialsError } from './errors.js';
import { resolveCredentials, type ResolveDeps } from './resolve.js';

class DryRunStop extends Error {}

const stop = (): never => {
  throw new DryRunStop('dry run: nothing is fetched');
};

export async function checkCredentialsDry(d: Pick<ResolveDeps, 'getInput' | 'env' | 'region' | 'mask'>): Promise<void> {
  try {
    await resolveCredentials({ ...d, getIdToken: async () => stop(), fetch: (async () => stop()) as typeof fetch });
  } catch (e) {
    if (e instanceof DryRunStop) return;
    if (e instanceof CredentialsError && e.code === 'Credentials.Missing') return;
    throw e;
  }
}
