// ACS3-HMAC-SHA256 as @alicloud/openapi-client / openapi-util sign it (docs/reference/sae-api.md §6b), rebuilt from
// what was received.
import { createHash, createHmac } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';

export const ACS3 = 'ACS3-HMAC-SHA256';

/** encodeURIComponent plus !'()* — the SDK's `encode`; the URL leaves `*()` literal, so the server must re-encode. */
export const acsEncode = (s: string): string =>
  encodeURIComponent(s).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);

export const sha256Hex = (data: Buffer | string): string => createHash('sha256').update(data).digest('hex');

export interface V3Authorization {
  accessKeyId: string;
  signedHeaders: string[];
  signature: string;
}

/** `ACS3-HMAC-SHA256 Credential=AK,SignedHeaders=a;b,Signature=hex` → its parts, or undefined when malformed. */
export function parseV3Authorization(value: string): V3Authorization | undefined {
  if (!value.startsWith(`${ACS3} `)) return undefined;
  const fields = new Map<string, string>();
  for (const part of value.slice(ACS3.length + 1).split(',')) {
    const eq = part.indexOf('=');
    if (eq > 0) fields.set(part.slice(0, eq).trim(), part.slice(eq + 1).trim());
  }
  const accessKeyId = fields.get('Credential');
  const signedHeaders = fields.get('SignedHeaders');
  const signature = fields.get('Signature');
  if (!accessKeyId || !signedHeaders || !signature || !/^[0-9a-f]{64}$/.test(signature)) return undefined;
  return { accessKeyId, signedHeaders: signedHeaders.split(';'), signature };
}

export function canonicalRequestV3(
  method: string,
  path: string,
  query: Record<string, string>,
  headers: IncomingHttpHeaders,
  signedHeaders: string[],
  payloadHash: string,
): string {
  const uri = path.replace('+', '%20').replace('*', '%2A').replace('%7E', '~');
  const canonicalQuery = Object.keys(query)
    .sort()
    .map((k) => `${k}=${acsEncode(query[k] ?? '')}`)
    .join('&');
  const canonicalHeaders = signedHeaders
    .map((name) => {
      const v = headers[name];
      const value = Array.isArray(v)
        ? v
            .map((x) => x.trim())
            .sort()
            .join(',')
        : (v ?? '').trim();
      return `${name}:${value}\n`;
    })
    .join('');
  return [method, uri, canonicalQuery, canonicalHeaders, signedHeaders.join(';'), payloadHash].join('\n');
}

export const stringToSignV3 = (canonicalRequest: string): string => `${ACS3}\n${sha256Hex(canonicalRequest)}`;

export const signV3 = (stringToSign: string, secret: string): string =>
  createHmac('sha256', secret).update(stringToSign).digest('hex');
