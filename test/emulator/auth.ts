// Request authentication: the checks of docs/reference/sae-api.md §6c, in the order a gateway would plausibly run them.
// Exact gateway codes for ROA are [U]; these are the documented POP codes.
import type { IncomingHttpHeaders } from 'node:http';
import { timingSafeEqual } from 'node:crypto';
import { gatewayError } from './errors.js';
import { contentMd5, parseV1Authorization, signV1, stringToSignV1 } from './signature-v1.js';
import { ACS3, canonicalRequestV3, parseV3Authorization, sha256Hex, signV3, stringToSignV3 } from './signature-v3.js';
import type { Credential } from './types.js';

const WINDOW_MS = 15 * 60_000;

export interface Received {
  method: string;
  path: string;
  query: Record<string, string>;
  headers: IncomingHttpHeaders;
  body: Buffer;
}

export interface AuthContext {
  credentials: Map<string, Credential>;
  /** nonce → when it was first seen */
  nonces: Map<string, number>;
  checkClock: boolean;
  checkNonce: boolean;
}

const one = (v: string | string[] | undefined): string | undefined => (Array.isArray(v) ? v.join(',') : v);

function same(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/** Throws an ApiError (gateway shape) when the request is not properly signed; returns the caller's AccessKeyId. */
export function authenticate(req: Received, ctx: AuthContext): string {
  const authorization = one(req.headers.authorization);
  if (!authorization) throw gatewayError('IncompleteSignature', 'The Authorization header is missing.');

  const v1 = authorization.startsWith('acs ') ? parseV1Authorization(authorization) : undefined;
  const v3 = authorization.startsWith(`${ACS3} `) ? parseV3Authorization(authorization) : undefined;
  if (!v1 && !v3) {
    if (/^ACS3-/.test(authorization) && !authorization.startsWith(`${ACS3} `))
      throw gatewayError('InvalidSignatureMethod');
    throw gatewayError('IncompleteSignature', 'The Authorization header is malformed.');
  }
  const accessKeyId = (v1?.accessKeyId ?? v3?.accessKeyId)!;
  const credential = ctx.credentials.get(accessKeyId);
  if (!credential) throw gatewayError('InvalidAccessKeyId.NotFound');

  checkSecurityToken(req.headers, credential, ctx);

  if (v1) {
    const md5 = one(req.headers['content-md5']);
    const stringToSign = stringToSignV1(req.method, req.path, req.query, req.headers);
    if (!same(signV1(stringToSign, credential.accessKeySecret), v1.signature)) {
      // Like RPC gateways, echo the string to sign (token masked) so a client bug is easy to see.
      const shown = credential.securityToken ? stringToSign.split(credential.securityToken).join('***') : stringToSign;
      throw gatewayError('SignatureDoesNotMatch', `server string to sign is: ${JSON.stringify(shown)}`);
    }
    if (md5 !== undefined && md5 !== contentMd5(req.body)) throw gatewayError('ContentMD5NotMatched');
    checkClock(one(req.headers.date), ctx);
  } else if (v3) {
    for (const required of ['host', 'x-acs-date', 'x-acs-content-sha256']) {
      if (!v3.signedHeaders.includes(required))
        throw gatewayError('IncompleteSignature', `SignedHeaders must include ${required}.`);
    }
    const unsigned = Object.keys(req.headers).find((h) => h.startsWith('x-acs-') && !v3.signedHeaders.includes(h));
    if (unsigned) throw gatewayError('IncompleteSignature', `Header ${unsigned} is not signed.`);
    // The payload hash is recomputed, so a wrong x-acs-content-sha256 fails as a signature mismatch.
    const payloadHash = sha256Hex(req.body);
    const canonical = canonicalRequestV3(req.method, req.path, req.query, req.headers, v3.signedHeaders, payloadHash);
    const stringToSign = stringToSignV3(canonical);
    if (
      one(req.headers['x-acs-content-sha256']) !== payloadHash ||
      !same(signV3(stringToSign, credential.accessKeySecret), v3.signature)
    ) {
      throw gatewayError('SignatureDoesNotMatch', `server StringToSign is [${stringToSign}]`);
    }
    checkClock(one(req.headers['x-acs-date']), ctx);
  }
  checkNonce(one(req.headers['x-acs-signature-nonce']), ctx);
  return accessKeyId;
}

function checkSecurityToken(headers: IncomingHttpHeaders, credential: Credential, ctx: AuthContext): void {
  const token = one(headers['x-acs-security-token']);
  if (token === undefined) {
    if (credential.securityToken) throw gatewayError('MissingSecurityToken');
    return;
  }
  if (one(headers['x-acs-accesskey-id']) !== credential.accessKeyId)
    throw gatewayError('InvalidSecurityToken.MismatchWithAccessKey');
  if (credential.securityToken === token) return;
  const elsewhere = [...ctx.credentials.values()].some((c) => c.securityToken === token);
  throw gatewayError(elsewhere ? 'InvalidSecurityToken.MismatchWithAccessKey' : 'InvalidSecurityToken.Malformed');
}

function checkClock(value: string | undefined, ctx: AuthContext): void {
  if (!ctx.checkClock) return;
  const at = value ? Date.parse(value) : NaN;
  if (Number.isNaN(at)) throw gatewayError('InvalidTimeStamp.Format');
  if (Math.abs(Date.now() - at) > WINDOW_MS) throw gatewayError('InvalidTimeStamp.Expired', `Date: ${value}`);
}

function checkNonce(nonce: string | undefined, ctx: AuthContext): void {
  if (!ctx.checkNonce) return;
  if (!nonce) throw gatewayError('IncompleteSignature', 'x-acs-signature-nonce is missing.');
  const now = Date.now();
  for (const [n, at] of ctx.nonces) if (now - at > WINDOW_MS) ctx.nonces.delete(n);
  if (ctx.nonces.has(nonce)) throw gatewayError('SignatureNonceUsed');
  ctx.nonces.set(nonce, now);
}
