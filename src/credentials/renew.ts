// Temporary credentials that renew themselves. pop-core asks its credentialsProvider before every request,
// so a wait longer than the credentials last (an hour from keyless login) gets fresh ones in time instead
// of failing with InvalidSecurityToken.Expired half-way through.
import type { CredentialsProvider, Credentials } from './types.js';
import { CredentialsError } from './credentials-error.js';
import type { TemporaryCredentials } from './sts.js';

/** Renew this long before the credentials expire (or after half their life, when they last less than twice this). */
export const RENEW_BEFORE_MS = 5 * 60_000;
/**
 * After a failed renewal, the credentials in hand are used this long before the next try (unless they expire first).
 */
export const RETRY_RENEW_AFTER_MS = 30_000;

export interface RenewingOptions {
  first: TemporaryCredentials;
  /** Gets new credentials (for keyless login: a new OIDC token and AssumeRoleWithOIDC); masks them itself. */
  renew: () => Promise<TemporaryCredentials>;
  now: () => number;
  onRenewed?: (c: TemporaryCredentials) => void;
  /** A renewal failed while the current credentials still work: they stay in use for now. */
  onRenewFailed?: (error: Error, current: TemporaryCredentials) => void;
}

export interface RenewingProvider extends CredentialsProvider {
  /** The credentials in use (for tests and logs). */
  current(): TemporaryCredentials;
}

const renewAt = (c: TemporaryCredentials): number =>
  c.expiresAt - Math.min(RENEW_BEFORE_MS, Math.max(0, c.expiresAt - c.obtainedAt) / 2);
const plain = (c: TemporaryCredentials): Credentials => ({
  accessKeyId: c.accessKeyId,
  accessKeySecret: c.accessKeySecret,
  securityToken: c.securityToken,
});
/** A time as STS writes it (ISO 8601 UTC without milliseconds), for log lines and messages. */
export const iso = (ms: number): string => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');

export function renewingCredentials(o: RenewingOptions): RenewingProvider {
  let current = o.first;
  let retryNotBefore = 0;
  let pending: Promise<void> | undefined;

  const renew = async (): Promise<void> => {
    try {
      const next = await o.renew();
      current = next;
      retryNotBefore = 0;
      o.onRenewed?.(next);
    } catch (e) {
      const error = e instanceof Error ? e : new Error(String(e));
      const now = o.now();
      if (now < current.expiresAt) {
        // Still valid for a while: carry on with them, and try again later rather than on every request.
        retryNotBefore = Math.min(now + RETRY_RENEW_AFTER_MS, current.expiresAt);
        o.onRenewFailed?.(error, current);
        return;
      }
      const why = error.message.replace(/\.$/, '');
      const message = `The temporary credentials from keyless login expired at ${iso(current.expiresAt)} and could not be renewed: ${why}. A change order already submitted keeps running in SAE; check it in the console before re-running.`;
      throw error instanceof CredentialsError
        ? new CredentialsError(error.code, message, error.input, error.requestId)
        : new CredentialsError('Credentials.RenewFailed', message, 'role-to-assume');
    }
  };

  return {
    current: () => current,
    async getCredentials() {
      const now = o.now();
      const fresh = now < renewAt(current);
      const holding = now < current.expiresAt && now < retryNotBefore;
      if (!fresh && !holding) {
        // Calls that arrive during a renewal wait for it: one STS call, whoever asks.
        pending ??= renew().finally(() => {
          pending = undefined;
        });
        await pending;
      }
      return plain(current);
    },
  };
}
