// ROA v1 HMAC-SHA1 as @alicloud/pop-core 1.8.0 signs it (docs/reference/sae-api.md §6a), rebuilt from what was
// received.
import { createHash, createHmac } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';

const header = (headers: IncomingHttpHeaders, name: string): string => {
  const v = headers[name];
  return Array.isArray(v) ? v.join(',') : (v ?? '');
};

/** Every x-acs-* header, sorted; tabs/CR/LF/FF become spaces and the value is trimmed, as pop-core does. */
function canonicalHeaders(headers: IncomingHttpHeaders): string {
  return Object.keys(headers)
    .filter((k) => k.startsWith('x-acs-'))
    .sort()
    .map(
      (k) =>
        `${k}:${header(headers, k)
          .replace(/[\t\n\r\f]/g, ' ')
          .trim()}\n`,
    )
    .join('');
}

/** The path plus the decoded query, keys in JS default sort order, values raw (`""` gives `key=`). */
function canonicalResource(path: string, query: Record<string, string>): string {
  const keys = Object.keys(query).sort();
  if (keys.length === 0) return path;
  return `${path}?${keys.map((k) => `${k}=${query[k]}`).join('&')}`;
}

export function stringToSignV1(
  method: string,
  path: string,
  query: Record<string, string>,
  headers: IncomingHttpHeaders,
): string {
  const lines = [
    method,
    header(headers, 'accept'),
    header(headers, 'content-md5'),
    header(headers, 'content-type'),
    header(headers, 'date'),
  ];
  return `${lines.join('\n')}\n${canonicalHeaders(headers)}${canonicalResource(path, query)}`;
}

export const signV1 = (stringToSign: string, secret: string): string =>
  createHmac('sha1', secret).update(Buffer.from(stringToSign, 'utf8')).digest('base64');

export const contentMd5 = (body: Buffer): string => createHash('md5').update(body).digest('base64');

/** `acs AK:signature` → its parts, or undefined when malformed. */
export function parseV1Authorization(value: string): { accessKeyId: string; signature: string } | undefined {
  const m = /^acs ([^:\s]+):(\S+)$/.exec(value);
  return m ? { accessKeyId: m[1]!, signature: m[2]! } : undefined;
}
