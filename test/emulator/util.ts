import { randomBytes, randomUUID } from 'node:crypto';
import type { ServerResponse } from 'node:http';

export const JSON_TYPE = 'application/json;charset=utf-8';

export const newId = (): string => randomUUID();
export const newRequestId = (): string => randomUUID().toUpperCase();
export const newTraceId = (): string => randomBytes(15).toString('hex');

/** `yyyy-MM-dd HH:mm:ss` in UTC+8: the console's time zone. Whether the API uses it too is unknown, so a client must not compare it with its own clock. */
export function formatCreateTime(ms: number): string {
  return new Date(ms + 8 * 3600_000).toISOString().slice(0, 19).replace('T', ' ');
}

/** Values of the form BIG_PREFIX + digits are written as bare JSON numbers (see toJsonText). */
export const BIG_PREFIX = '\u0000big:';

/** JSON.stringify, then turn BIG_PREFIX strings into numeric literals too long for a double (json-bigint makes BigNumbers). */
export function toJsonText(value: unknown): string {
  return JSON.stringify(value).replace(/"\\u0000big:(\d+)"/g, '$1');
}

/** Writes unless the client is already gone (a delayed answer may outlive a client timeout). */
export function send(
  res: ServerResponse,
  status: number,
  contentType: string,
  body: string,
  headers: Record<string, string> = {},
): void {
  if (res.destroyed || res.writableEnded) return;
  res.writeHead(status, { 'content-type': contentType, 'content-length': String(Buffer.byteLength(body)), ...headers });
  res.end(body);
}

export const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

export function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
