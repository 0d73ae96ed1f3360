// Scripted faults: queued per API (or '*'), consumed in order. "Early" faults answer instead of the API;
// "late" ones (missingData, bigIds, status, acceptThenReset) let the API run and then bend its answer.
import { defaultMessage, isGatewayCode } from './errors.js';
import type { Fault } from './types.js';
import { BIG_PREFIX, isRecord, JSON_TYPE, newRequestId, newTraceId } from './util.js';

const KINDS = [
  'error',
  'html',
  'text',
  'badJson',
  'successFalse',
  'missingData',
  'bigIds',
  'status',
  'delayMs',
  'reset',
  'acceptThenReset',
];

/** Checks a fault from JSON (control API) or code; throws a readable Error when it is not one. */
export function parseFault(v: unknown): Fault {
  if (!isRecord(v) || typeof v['api'] !== 'string') throw new Error('a fault needs "api" (an API name or "*")');
  const kinds = KINDS.filter((k) => k in v);
  if (kinds.length !== 1) throw new Error(`a fault needs exactly one of: ${KINDS.join(', ')}`);
  const start = v['andStart'];
  if (start !== undefined && !(isRecord(start) && Array.isArray(start['plan']) && start['plan'].length > 0))
    throw new Error('"andStart" needs {plan, settings?}');
  if (v['times'] !== undefined && !(typeof v['times'] === 'number' && v['times'] > 0))
    throw new Error('"times" must be a positive number');
  if (v['skip'] !== undefined && !(Number.isInteger(v['skip']) && (v['skip'] as number) >= 0))
    throw new Error('"skip" must be a whole number');
  const e = v['error'];
  if (kinds[0] === 'error' && !(isRecord(e) && typeof e['status'] === 'number' && typeof e['code'] === 'string')) {
    throw new Error('"error" needs a numeric status and a code');
  }
  return v as unknown as Fault;
}

export class FaultQueue {
  private queue: Array<Fault & { left: number; skipped: number }> = [];

  add(fault: Fault): void {
    this.queue.push({ ...parseFault(fault), left: fault.times ?? 1, skipped: 0 });
  }

  /** The next fault for this API (its own or '*'), used up by one; none while it lets its first calls through. */
  take(api: string): Fault | undefined {
    const i = this.queue.findIndex((f) => f.api === api || f.api === '*');
    if (i < 0) return undefined;
    const f = this.queue[i]!;
    if (f.skipped < (f.skip ?? 0)) {
      f.skipped += 1;
      return undefined;
    }
    f.left -= 1;
    if (f.left <= 0) this.queue.splice(i, 1);
    return f;
  }

  clear(): void {
    this.queue = [];
  }
}

export interface Reply {
  status: number;
  contentType: string;
  body: string;
  headers?: Record<string, string>;
  code?: string;
}

const html = (status: number): string =>
  `<html>\r\n<head><title>${status} Bad Gateway</title></head>\r\n<body>\r\n<center><h1>${status} Bad Gateway</h1></center>\r\n<hr><center>Tengine</center>\r\n</body>\r\n</html>\r\n`;

/** A fault that answers instead of the API, or undefined when the API must run. */
export function earlyReply(f: Fault, host: string): Reply | undefined {
  if ('error' in f) {
    const { status, code, message = defaultMessage(code), retryAfterMs } = f.error;
    const headers = retryAfterMs !== undefined ? { 'x-acs-retry-after': String(retryAfterMs) } : undefined;
    return { status, contentType: JSON_TYPE, body: JSON.stringify(errorBody(code, message, host)), headers, code };
  }
  if ('html' in f) return { status: f.html, contentType: 'text/html', body: html(f.html) };
  if ('text' in f) return { status: f.text.status, contentType: 'text/plain', body: f.text.body };
  if ('badJson' in f)
    return { status: 200, contentType: JSON_TYPE, body: `{"RequestId":"${newRequestId()}","Data":{"ChangeOrderId":` };
  if ('successFalse' in f) {
    const { code, message } = f.successFalse;
    const body = {
      RequestId: newRequestId(),
      Code: code,
      ErrorCode: code,
      Message: message,
      Success: false,
      TraceId: newTraceId(),
      Data: null,
    };
    return { status: 200, contentType: JSON_TYPE, body: JSON.stringify(body), code };
  }
  return undefined;
}

/** The body of an error answer: the gateway shape for gateway codes (Throttling…), SAE's otherwise. */
export function errorBody(
  code: string,
  message: string,
  host: string,
  gateway = isGatewayCode(code),
): Record<string, unknown> {
  const RequestId = newRequestId();
  if (gateway) {
    return {
      RequestId,
      HostId: host,
      Code: code,
      Message: message,
      Recommend: `https://api.aliyun.com/troubleshoot?q=${code}&product=sae&requestId=${RequestId}&source=PopGw`,
    };
  }
  return {
    RequestId,
    Code: code,
    ErrorCode: code,
    Message: message,
    Success: false,
    TraceId: newTraceId(),
    Data: null,
  };
}

const BIG_ID = `${BIG_PREFIX}1234567890123456789`;

/** Bends a successful envelope for the late faults. */
export function bendEnvelope(f: Fault, envelope: Record<string, unknown>): void {
  const data = envelope['Data'];
  if ('missingData' in f) {
    if (f.missingData === true) delete envelope['Data'];
    else if (isRecord(data)) delete data[f.missingData];
  } else if ('bigIds' in f && isRecord(data)) {
    // Account ids are 16+ digit numbers on Alibaba Cloud; json-bigint turns such literals into BigNumbers.
    data['UserId'] = BIG_ID;
    data['CreateUserId'] = BIG_ID;
    for (const key of ['ChangeOrderList', 'Pipelines', 'StageList']) {
      const list = data[key];
      if (Array.isArray(list)) for (const e of list) if (isRecord(e)) e['UserId'] = BIG_ID;
    }
  } else if ('status' in f && isRecord(data)) {
    data['Status'] = f.status;
    if (f.subStatus !== undefined) data['SubStatus'] = f.subStatus;
  }
}
