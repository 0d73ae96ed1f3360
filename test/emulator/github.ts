// A stand-in for the runner's OIDC token endpoint (docs/reference/sae-api.md §10.4): what ACTIONS_ID_TOKEN_REQUEST_URL
// points at when the job has `permissions: id-token: write`. It signs RS256 JWTs with its own key, so the
// STS stand-in (sts.ts) can tell its tokens from forged or altered ones, as real STS does with GitHub's JWKS.
import { createSign, createVerify, generateKeyPairSync, randomBytes, type KeyObject } from 'node:crypto';
import type { ExtraHandler } from './types.js';
import { JSON_TYPE, send } from './util.js';

export const GITHUB_ISSUER = 'https://token.actions.githubusercontent.com';

export interface GitHubOidcOptions {
  /** Path of the endpoint on the emulator's server. Default '/_github/idtoken'. */
  path?: string;
  /** The bearer token the runner gives the step (ACTIONS_ID_TOKEN_REQUEST_TOKEN). Default: random. */
  requestToken?: string;
  /** OWNER/REPO, for sub and the default audience. Default 'acme/jobs'. */
  repository?: string;
  /** Git ref in sub. Default 'refs/tags/v1.2.3'. */
  ref?: string;
  /** Token lifetime in seconds; negative issues already expired tokens. Default 300. */
  lifetimeSeconds?: number;
  /** The clock tokens are issued by (default Date.now; tests on a virtual clock pass it). */
  now?: () => number;
}

export interface OidcClaims {
  iss: string;
  aud: string;
  sub: string;
  exp: number;
  iat: number;
  [claim: string]: unknown;
}

export interface GitHubOidc {
  handler: ExtraHandler;
  /** ACTIONS_ID_TOKEN_REQUEST_URL / _TOKEN for a run against the emulator at `baseUrl`. */
  env(baseUrl: string): Record<string, string>;
  /** Every JWT handed out, in order. */
  issued: string[];
  /** The claims of a token this endpoint signed (expired or not), or undefined for anything else. */
  verify(jwt: string): OidcClaims | undefined;
}

const b64url = (v: string | Buffer): string => Buffer.from(v).toString('base64url');

export function githubOidc(opts: GitHubOidcOptions = {}): GitHubOidc {
  const path = opts.path ?? '/_github/idtoken';
  const requestToken = opts.requestToken ?? `ghs_${randomBytes(18).toString('hex')}`;
  const repository = opts.repository ?? 'acme/jobs';
  const ref = opts.ref ?? 'refs/tags/v1.2.3';
  const lifetime = opts.lifetimeSeconds ?? 300;
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const kid = randomBytes(8).toString('hex');
  const issued: string[] = [];

  const sign = (claims: OidcClaims, key: KeyObject): string => {
    const head = `${b64url(JSON.stringify({ typ: 'JWT', alg: 'RS256', kid }))}.${b64url(JSON.stringify(claims))}`;
    return `${head}.${createSign('RSA-SHA256').update(head).sign(key).toString('base64url')}`;
  };

  const handler: ExtraHandler = (req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    if (url.pathname !== path) return false;
    if (req.method !== 'GET') {
      send(res, 405, JSON_TYPE, JSON.stringify({ message: 'Method not allowed' }));
      return true;
    }
    if (req.headers.authorization !== `Bearer ${requestToken}`) {
      send(res, 401, JSON_TYPE, JSON.stringify({ message: 'Bad credentials' }));
      return true;
    }
    const now = Math.floor((opts.now ?? Date.now)() / 1000);
    // Without an audience GitHub uses the owner's URL, which STS will not accept as a client id.
    const aud = url.searchParams.get('audience') || `https://github.com/${repository.split('/')[0]}`;
    const jwt = sign(
      {
        iss: GITHUB_ISSUER,
        aud,
        sub: `repo:${repository}:ref:${ref}`,
        repository,
        ref,
        jti: randomBytes(16).toString('hex'),
        iat: now,
        nbf: now - 5,
        exp: now + lifetime,
      },
      privateKey,
    );
    issued.push(jwt);
    send(res, 200, JSON_TYPE, JSON.stringify({ count: 1, value: jwt }));
    return true;
  };

  return {
    handler,
    issued,
    env: (baseUrl) => ({
      // The real URL already carries a query string; @actions/core appends `&audience=…`.
      ACTIONS_ID_TOKEN_REQUEST_URL: `${baseUrl}${path}?api-version=2.0`,
      ACTIONS_ID_TOKEN_REQUEST_TOKEN: requestToken,
    }),
    verify(jwt) {
      const [head, body, sig, extra] = jwt.split('.');
      if (!head || !body || !sig || extra !== undefined) return undefined;
      const ok = createVerify('RSA-SHA256').update(`${head}.${body}`).verify(publicKey, Buffer.from(sig, 'base64url'));
      if (!ok) return undefined;
      try {
        return JSON.parse(Buffer.from(body, 'base64url').toString('utf8')) as OidcClaims;
      } catch {
        return undefined;
      }
    },
  };
}
