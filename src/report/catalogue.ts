// The annotation for an SAE (or gateway / STS) error code, built by `explain` from the catalogue's entries
// (report/catalogue-entries.ts): its title is the code, its message starts with the cause in plain words, with the
// values SAE's message filled in, then the fix, naming the workflow inputs involved. Here: finding a code's entry
// (exact, case-insensitive, its family), reading SAE's message back against the entry's template, and the inputs
// it names.
import { PARAMETER_BY_WIRE, type ParameterInput } from '../contract/parameters.js';
import type { Subject } from '../contract/spec-keys.js';
import { DOCUMENTED_TRANSIENT } from '../sae/codes.js';
import { ENTRIES, type CatalogueEntry } from './catalogue-entries.js';

export type { CatalogueEntry };

export interface Explained {
  code: string;
  title: string;
  message: string;
  inputs: readonly Subject[];
  known: boolean;
}

export const CATALOGUE: ReadonlyMap<string, CatalogueEntry> = new Map(
  ENTRIES.map((e) => [
    e.code,
    Object.freeze({
      ...e,
      inputs: Object.freeze([...e.inputs]),
      ...(DOCUMENTED_TRANSIENT.has(e.code) ? { transient: true } : {}),
    }),
  ]),
);

const BY_LOWER_CODE: ReadonlyMap<string, CatalogueEntry> = new Map(
  [...CATALOGUE.values()].map((e) => [e.code.toLowerCase(), e]),
);

/** The entry for a code: exact, then case-insensitive, then its family. `exact` is false for a family match. */
function lookup(code: string): { entry: CatalogueEntry; exact: boolean } | undefined {
  const exact = CATALOGUE.get(code) ?? BY_LOWER_CODE.get(code.toLowerCase());
  if (exact) return { entry: exact, exact: true };
  const family = (name: string): { entry: CatalogueEntry; exact: boolean } | undefined => {
    const entry = CATALOGUE.get(name);
    return entry ? { entry, exact: false } : undefined;
  };
  if (/^throttling/i.test(code)) return family('Throttling');
  if (/^invalidparameter(\.|$)/i.test(code)) return family('InvalidParameter');
  if (/^serviceunavailable(\.|$)/i.test(code)) return family('ServiceUnavailable');
  if (/^internalerror(\.|$)/i.test(code)) return family('InternalError');
  return undefined;
}

// ---- Reading %s values back from the server's message ----

const escapeRegExp = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
/** A literal piece of a template, tolerant of whitespace differences. */
const literal = (s: string): string => s.split(/\s+/).map(escapeRegExp).join('\\s*');

const PATTERNS = new Map<string, readonly RegExp[]>();

/**
 * Regexes for a template, tried in order: the message up to the end of the sentence holding the last %s (a
 * period followed by a space or the end), since the server may add text after it (the seed shows variants
 * that differ there, "Please submit a ticket" versus "please join the DingTalk group"); then the whole
 * message, for templates whose last %s ends the message (InvalidParameter.WithMessage).
 */
function patterns(template: string): readonly RegExp[] {
  let cached = PATTERNS.get(template);
  if (cached) return cached;
  const parts = template.split('%s');
  const out: RegExp[] = [];
  if (parts.length > 1) {
    const head = parts.slice(0, -1).map(literal).join('(.*?)') + '(.*?)';
    const last = parts[parts.length - 1] ?? '';
    const trimmed = last.replace(/\.\s*$/, '');
    const dot = last.indexOf('.');
    if (dot >= 0) out.push(new RegExp(`^\\s*${head}${literal(last.slice(0, dot))}\\.(?=\\s|$)`, 'is'));
    out.push(new RegExp(`^\\s*${head}${literal(trimmed)}\\.?\\s*$`, 'is'));
  }
  cached = out;
  PATTERNS.set(template, cached);
  return cached;
}

const MAX_VALUE = 200;
const clip = (s: string, max: number): string => (s.length > max ? `${s.slice(0, max - 1)}…` : s);
/** Never let a literal %s through, whatever the server sent. */
const noPlaceholder = (s: string): string => s.replace(/%s/g, '…');

/** The values the server filled into the template, or undefined when the message does not follow it. */
function fill(template: string | undefined, serverMessage: string | undefined): string[] | undefined {
  if (!template || !serverMessage) return undefined;
  for (const re of patterns(template)) {
    const m = re.exec(serverMessage);
    // A server that forgot to fill its own template sends "%s" back: that is no value.
    if (m) return m.slice(1).map((v) => clip((v ?? '').replace(/%s/g, '').trim(), MAX_VALUE));
  }
  return undefined;
}

// ---- Inputs named in the server's message ----

const humps = (wire: string): number => (wire.match(/[A-Z]/g) ?? []).length;

/** The workflow input for a parameter name as SAE writes it (AppId, or appId for names of several words). */
function inputForWire(token: string): ParameterInput | undefined {
  const direct = PARAMETER_BY_WIRE.get(token);
  if (direct) return direct.input;
  const upper = token.charAt(0).toUpperCase() + token.slice(1);
  const camel = PARAMETER_BY_WIRE.get(upper);
  return camel && humps(camel.wire) > 1 ? camel.input : undefined;
}

/**
 * Inputs named in a server message. Names of several words (SlsConfigs, appId) count anywhere; one-word names
 * (Jdk, Timeout, Envs) only when set apart by braces, brackets or quotes, since they are also plain words.
 */
function inputsIn(text: string | undefined): ParameterInput[] {
  if (!text) return [];
  const found: ParameterInput[] = [];
  for (const m of text.matchAll(/[A-Za-z][A-Za-z0-9]*/g)) {
    const token = m[0];
    const input = inputForWire(token);
    if (!input) continue;
    const wire = PARAMETER_BY_WIRE.get(token) ?? PARAMETER_BY_WIRE.get(token.charAt(0).toUpperCase() + token.slice(1));
    if (wire && humps(wire.wire) === 1) {
      const before = text.charAt((m.index ?? 0) - 1);
      const after = text.charAt((m.index ?? 0) + token.length);
      const delimited = /[{[('"`]/.test(before) && /[}\])'"`]/.test(after);
      const whole = text.trim() === token;
      if (!delimited && !whole) continue;
    }
    if (!found.includes(input)) found.push(input);
  }
  return found;
}

/** A filled value; a parameter name gets its input name added, e.g. "PackageVersion, input package-version". */
function decorate(value: string): string {
  const input = inputForWire(value);
  return input ? `${value}, input ${input}` : value;
}

const HOLE = '\u0000';

/** The cause with its %s filled from `values`; a placeholder without a value is dropped with its parentheses. */
function render(cause: string, values: readonly string[] | undefined): { text: string; complete: boolean } {
  let i = 0;
  let complete = true;
  let text = cause.replace(/%s/g, () => {
    const v = values?.[i++];
    if (v === undefined || v === '') {
      complete = false;
      return HOLE;
    }
    return decorate(v);
  });
  if (!complete) {
    text = text
      .replace(new RegExp(`\\s*\\([^()]*${HOLE}[^()]*\\)`, 'g'), '')
      .replace(new RegExp(`\\s*${HOLE}`, 'g'), '')
      .replace(/\s+([.,;:])/g, '$1')
      .replace(/\s{2,}/g, ' ')
      .trim();
  }
  return { text: noPlaceholder(text), complete };
}

const sentence = (s: string): string => (/[.!?…]$/.test(s) ? s : `${s}.`);
const quoteServer = (s: string): string => clip(noPlaceholder(s.replace(/\s+/g, ' ').trim()), 500);
const withRequestId = (message: string, requestId?: string): string =>
  requestId && requestId.trim() ? `${message} (request id: ${noPlaceholder(requestId.trim())})` : message;

const GENERIC_FIX =
  'Check the inputs named in that message (inputs are the kebab-case form of the parameter names, e.g. SlsConfigs is sls-configs), re-run the step if it looks temporary, and if it persists open an Alibaba Cloud ticket quoting the request id.';

/**
 * The annotation for an SAE error: title = the code; message = cause (with the server's values), then the
 * fix, then the request id. `serverMessage` is SAE's Message; it fills the %s placeholders when it follows the
 * seed's English template for the code.
 */
export function explain(code: string, serverMessage?: string, requestId?: string): Explained {
  const shownCode = noPlaceholder(code.trim()) || 'UnknownError';
  const server = serverMessage?.trim() ? serverMessage.trim() : undefined;
  const found = lookup(code.trim());

  if (!found) {
    const mentioned = inputsIn(server);
    const said = server
      ? `SAE answered ${shownCode}: ${sentence(quoteServer(server))}`
      : `SAE answered ${shownCode} without a message.`;
    return {
      code: shownCode,
      title: shownCode,
      message: withRequestId(`${said} ${GENERIC_FIX}`, requestId),
      inputs: mentioned,
      known: false,
    };
  }

  const { entry, exact } = found;
  const values = exact ? fill(entry.template, server) : undefined;
  const { text } = render(entry.cause, values);
  const hasPlaceholders = entry.cause.includes('%s');
  // The server's own words are added when they carry something the cause could not express.
  const echo = server && (!exact || (hasPlaceholders && !values)) ? ` SAE said: "${quoteServer(server)}".` : '';
  // Inputs SAE names come first: a filled value that is a parameter name, then names in the message.
  const mentioned: Subject[] = [];
  for (const input of [...(values ?? []).map(inputForWire), ...inputsIn(server)]) {
    if (input && !mentioned.includes(input)) mentioned.push(input);
  }
  const inputs = [...mentioned, ...entry.inputs.filter((i) => !mentioned.includes(i))];
  return {
    code: shownCode,
    title: shownCode,
    message: withRequestId(`${sentence(text)}${echo} ${entry.fix}`, requestId),
    inputs,
    known: true,
  };
}
