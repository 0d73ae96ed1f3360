// Replays a recorded deploy (a folder written by SAE_RECORD_DIR, see src/sae/record.ts): every file is in the
// recording format and scrubbed; every answer goes through the action's reader for its API, served over
// loopback to the real client; and after each UpdateJob whose change order succeeded, the next DescribeJob
// answer must hold what that UpdateJob sent, through the action's comparison.
import { readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { parse, stringify } from 'lossless-json';
import { PARAMETER_BY_WIRE } from '../../src/contract/parameters.js';
import { planChanges } from '../../src/plan/changes.js';
import type { SaeClient } from '../../src/sae/client.js';
import { SaeError } from '../../src/sae/errors.js';
import { RECORDING_FORMAT } from '../../src/sae/record.js';
import { ROUTES } from '../emulator/routes/index.js';
import type { CannedServer } from './canned-server.js';
import { readProblems, type Answer, type Problems } from './readers.js';

export interface Recording {
  file: string;
  format: string;
  source: 'sae' | 'emulator';
  host: string;
  at: string;
  api: string;
  method: string;
  path: string;
  query: Record<string, string>;
  body?: Record<string, string>;
  status: number | null;
  response?: unknown;
  responseText?: string;
  error?: string;
}

export function loadRecordings(dir: string): Recording[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((f) => {
      const r = parse(readFileSync(join(dir, f), 'utf8')) as Omit<Recording, 'file'>;
      // Numbers are kept exactly (LosslessNumber) for the answers; the status is a plain number.
      return { ...r, status: r.status === null ? null : Number(r.status), file: f };
    });
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** A field that must have been scrubbed, anywhere in a recording. */
function scrubProblems(v: unknown, path: string): Problems {
  if (Array.isArray(v)) return v.flatMap((x, i) => scrubProblems(x, `${path}[${i}]`));
  if (!isRecord(v)) return [];
  return Object.entries(v).flatMap(([k, x]) => {
    const p = `${path}.${k}`;
    if (/(secret|token|password|signature)$/i.test(k) && typeof x === 'string' && x !== '' && x !== '***')
      return [`${p}: a secret, not scrubbed`];
    if (/(AkId|AccessKeyId)$/i.test(k) && typeof x === 'string' && x !== '' && !/^.{0,4}\*\*\*$/.test(x))
      return [`${p}: an AccessKey id, not masked`];
    return scrubProblems(x, p);
  });
}

const dataOf = (r: Recording): Record<string, unknown> =>
  isRecord(r.response) && isRecord(r.response.Data) ? r.response.Data : {};
const succeeded = (r: Recording): boolean => r.status === 200 && isRecord(r.response) && r.response.Success !== false;

/** The answer through its reader: a success reads right, an error gives the code the answer holds. */
async function readerProblems(client: SaeClient, server: CannedServer, r: Recording): Promise<Problems> {
  if (r.status === null) return []; // no answer came: nothing to replay
  const where = `${r.file} (${r.api})`;
  server.answer(
    r.responseText !== undefined
      ? { status: r.status, body: r.responseText, contentType: 'text/html' }
      : { status: r.status, body: stringify(r.response) ?? 'null' },
  );
  // The readers' expectations in plain JSON numbers (what the client reads); the answer served keeps its text.
  const answer = JSON.parse(stringify(r.response ?? {}) ?? '{}') as Answer;
  try {
    const problems =
      r.api === 'DescribeJob'
        ? await client.describeJob(String(dataOf(r).AppId)).then(() => [])
        : await readProblems(client, r.api, answer, false);
    if (!succeeded(r)) return [`${where}: HTTP ${r.status} read as a success`];
    return problems.map((p) => `${where}: ${p}`);
  } catch (e) {
    if (!(e instanceof SaeError)) return [`${where}: ${String(e)}`];
    if (succeeded(r)) return [`${where}: a success read as ${e.code}: ${e.message}`];
    if (r.responseText !== undefined) return [];
    const code = isRecord(r.response) ? String(r.response.ErrorCode ?? r.response.Code ?? '') : '';
    return e.code === code ? [] : [`${where}: read as ${e.code}, the answer says ${code}`];
  }
}

/**
 * After an UpdateJob whose order succeeded, the next DescribeJob: every parameter sent reads back unchanged,
 * but those the model cannot show (unknown) and a documented other name (shell / other).
 */
function comparisonProblems(all: Recording[]): Problems {
  const problems: Problems = [];
  all.forEach((u, i) => {
    if (u.api !== 'UpdateJob' || (u.status !== null && !succeeded(u))) return;
    const order = u.status === null ? undefined : String(dataOf(u).ChangeOrderId);
    const rest = all.slice(i + 1);
    const done = rest.findIndex(
      (r) =>
        r.api === 'DescribeChangeOrder' &&
        succeeded(r) &&
        (order === undefined || String(dataOf(r).ChangeOrderId) === order) &&
        String(dataOf(r).Status) === '2',
    );
    if (done < 0) return; // the order did not succeed (or was not followed): nothing to hold
    const read = rest.slice(done).find((r) => r.api === 'DescribeJob' && succeeded(r));
    if (!read) return void problems.push(`${u.file}: its order succeeded, but no DescribeJob answer follows`);
    const request = { query: u.query, body: u.body ?? {}, secrets: ['OssAkSecret'] };
    const template = dataOf(read);
    for (const e of planChanges(request, template).entries) {
      const p = PARAMETER_BY_WIRE.get(e.wire)!;
      const other = p.readsBackAs?.[String({ ...u.query, ...u.body }[e.wire])];
      const allowed =
        e.state === 'unchanged' || (e.state === 'unknown' && (p.readBack === 'none' || template[e.wire] === other));
      if (!allowed)
        problems.push(`${read.file}: ${e.wire} is ${e.state} after ${u.file} (sent ${e.after}, read ${e.before})`);
    }
  });
  return problems;
}

/** What in a recorded deploy the action does not read right, or what the recording should not hold. */
export async function replayProblems(dir: string, client: SaeClient, server: CannedServer): Promise<Problems> {
  const all = loadRecordings(dir);
  const problems: Problems = all.length ? [] : [`${dir}: no recording`];
  const emulatorDir = basename(dir).startsWith('emulator-');
  for (const r of all) {
    if (r.format !== RECORDING_FORMAT) problems.push(`${r.file}: format ${r.format}, not ${RECORDING_FORMAT}`);
    const route = ROUTES.find((x) => x.api === r.api);
    if (!route) problems.push(`${r.file}: ${r.api} is no API the action calls`);
    else if (route.method !== r.method || route.path !== r.path)
      problems.push(`${r.file}: ${r.method} ${r.path}, not ${route.method} ${route.path}`);
    if ((r.source === 'emulator') !== emulatorDir)
      problems.push(`${r.file}: recorded against ${r.source}; only emulator recordings go in emulator-* folders`);
    problems.push(...scrubProblems(r, r.file));
    if (/LTAI[A-Za-z0-9]{8,}/.test(JSON.stringify(r))) problems.push(`${r.file}: holds an AccessKey id`);
  }
  for (const r of all) problems.push(...(await readerProblems(client, server, r)));
  problems.push(...comparisonProblems(all));
  return problems;
}
