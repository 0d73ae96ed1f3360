// Secrets in every form they can take in text the action writes. A secret rarely appears only raw: JSON
// escapes its quotes, backslashes and line breaks (the `request` output, the dry-run log), a URL or form
// body percent-encodes it, Node's util.inspect quotes and escapes it (NODE_DEBUG, error dumps), a workflow
// command escapes % and line breaks, an Authorization header or a dump holds it in base64 or hex, and a server
// that echoes it may cut it short or wrap it over lines. The runner masks only the raw value, so every form is
// scrubbed here and also registered with the runner.
//
// Only what can be a secret is registered: a value shorter than MIN_SECRET is not (a template's OssAkSecret of
// `failed` would otherwise mask the word `failed` in every line). Such a value is still never printed: the
// action shows a secret parameter as *** wherever it renders one, whatever its length.
import { inspect } from 'node:util';

/** The shortest value registered as a secret. */
export const MIN_SECRET = 8;
/** A run of this many characters of a secret is scrubbed wherever it appears, whole or cut, on one line or two. */
export const PIECE = 16;

const json = (s: string) => JSON.stringify(s).slice(1, -1);
const commandData = (s: string) => s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');

/**
 * The base64 of a secret inside any longer base64 text (a Basic header, an encoded dump): at each of the three
 * byte offsets, the characters that depend on the secret's bytes alone. Standard and URL alphabets.
 */
function base64Forms(secret: string): string[] {
  const bytes = Buffer.from(secret, 'utf8');
  const out: string[] = [];
  for (const k of [0, 1, 2]) {
    const b64 = Buffer.concat([Buffer.alloc(k), bytes]).toString('base64');
    const inner = b64.slice([0, 2, 3][k], Math.floor(((k + bytes.length) * 8) / 6));
    out.push(inner, inner.replace(/\+/g, '-').replace(/\//g, '_'));
  }
  // Alone, the value's own base64 with its padding.
  out.push(bytes.toString('base64'));
  return out;
}

/** Every distinct way a secret can be written, longest first. */
export function secretForms(secret: string): string[] {
  // A value inside a structured parameter is JSON-escaped once (Envs) and again where that JSON is
  // itself a JSON string (the `request` output); each of those may then be URL- or form-encoded (the
  // query), inspected (NODE_DEBUG) or escaped for a workflow command.
  const bases = new Set([secret, json(secret), json(json(secret))]);
  const forms = new Set<string>();
  for (const b of bases) {
    forms.add(b);
    forms.add(encodeURIComponent(b));
    forms.add(new URLSearchParams({ x: b }).toString().slice(2));
    // RFC 3986 encoding, as the Alibaba Cloud SDKs encode query values for signing.
    forms.add(encodeURIComponent(b).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`));
    forms.add(inspect(b).slice(1, -1));
    // inspect picks other quotes when the value holds a single quote; the escaped form without them too.
    forms.add(
      b.replace(/\\/g, '\\\\').replace(/'/g, "\\'").replace(/\n/g, '\\n').replace(/\t/g, '\\t').replace(/\r/g, '\\r'),
    );
    const data = commandData(b);
    forms.add(data);
    forms.add(data.replace(/:/g, '%3A').replace(/,/g, '%2C'));
  }
  for (const f of base64Forms(secret)) forms.add(f);
  const hex = Buffer.from(secret, 'utf8').toString('hex');
  forms.add(hex);
  forms.add(hex.toUpperCase());
  // A multi-line secret may also be printed one line at a time.
  for (const line of secret.split(/\r?\n/)) forms.add(line.trim());
  return [...forms].filter((f) => f.length >= MIN_SECRET).sort((a, b) => b.length - a.length);
}

const BREAK = /(\r\n|\r|\n)/;
/** A polynomial hash of PIECE characters, mod 2^32, that rolls one character at a time. */
const BASE = 31;
const TOP = Array.from({ length: PIECE - 1 }).reduce<number>((p) => Math.imul(p, BASE) >>> 0, 1);
const hash = (s: string): number => {
  let h = 0;
  for (let i = 0; i < s.length; i++) h = (Math.imul(h, BASE) + s.charCodeAt(i)) >>> 0;
  return h;
};

/** The registered secrets of one run, and the scrub that replaces each of their forms with ***. */
export class SecretSet {
  private readonly forms = new Set<string>();
  private sorted: string[] = [];
  /** Every PIECE-long run of the secrets that are scrubbed in pieces too, and the rolling hash of each. */
  private readonly pieces = new Set<string>();
  private readonly hashes = new Set<number>();

  /**
   * Adds a secret (ignored below MIN_SECRET); returns the forms not known before (to register with the runner
   * as masks). `pieces: false` for a value that holds something not secret (a proxy's `user:password`): then only
   * its whole forms are scrubbed, so the user name alone is not.
   */
  add(secret: string, o: { pieces?: boolean } = {}): string[] {
    if (!secret || secret.length < MIN_SECRET) return [];
    const added = secretForms(secret).filter((f) => !this.forms.has(f));
    for (const f of added) this.forms.add(f);
    if (added.length) this.sorted = [...this.forms].sort((a, b) => b.length - a.length);
    if (o.pieces !== false) {
      // A piece may also be echoed encoded: the base64 of a part is a part of the whole's base64, at its offset.
      const hex = Buffer.from(secret, 'utf8').toString('hex');
      for (const source of new Set([secret, json(secret), ...base64Forms(secret), hex, hex.toUpperCase()]))
        for (let i = 0; i + PIECE <= source.length; i++) {
          const piece = source.slice(i, i + PIECE);
          this.pieces.add(piece);
          this.hashes.add(hash(piece));
        }
    }
    return added;
  }

  has(secret: string): boolean {
    return this.forms.has(secret);
  }

  /**
   * The text with every form of every secret replaced by ***, longest first (a secret may contain another), then
   * every run of PIECE or more characters of a secret, also where a line break cuts it (each side becomes ***).
   */
  scrub(text: string): string {
    let out = text;
    for (const f of this.sorted) if (out.includes(f)) out = out.split(f).join('***');
    return this.pieces.size && out.length >= PIECE ? this.scrubPieces(out) : out;
  }

  private scrubPieces(text: string): string {
    // The text without its line breaks; a rolling hash of each PIECE-long window finds the candidates cheaply.
    const joined = text.replace(/[\r\n]/g, '');
    const spans: Array<[number, number]> = [];
    let h = 0;
    for (let i = 0; i < PIECE && i < joined.length; i++) h = (Math.imul(h, BASE) + joined.charCodeAt(i)) >>> 0;
    for (let i = 0; i + PIECE <= joined.length; i++) {
      if (this.hashes.has(h) && this.pieces.has(joined.slice(i, i + PIECE))) {
        const last = spans[spans.length - 1];
        if (last && i <= last[1]) last[1] = i + PIECE;
        else spans.push([i, i + PIECE]);
      }
      if (i + PIECE < joined.length)
        h = (Math.imul((h - Math.imul(joined.charCodeAt(i), TOP)) >>> 0, BASE) + joined.charCodeAt(i + PIECE)) >>> 0;
    }
    if (!spans.length) return text;
    // Where each character of the joined text is in the text.
    const at: number[] = [];
    for (let i = 0; i < text.length; i++) if (text[i] !== '\n' && text[i] !== '\r') at.push(i);
    let out = '';
    let from = 0;
    for (const [a, b] of spans) {
      const start = at[a]!;
      const end = at[b - 1]! + 1;
      out += text.slice(from, start);
      // Each line's part of the secret becomes ***; the line breaks stay.
      out += text
        .slice(start, end)
        .split(BREAK)
        .map((part, i) => (i % 2 || !part ? part : '***'))
        .join('');
      from = end;
    }
    return out + text.slice(from);
  }
}

/** Query parameters of pre-signed URLs (OSS, S3, STS-signed) whose values are credentials. */
const CREDENTIAL_PARAMS =
  /^(signature|security-?token|x-oss-security-token|x-oss-signature|x-oss-credential|ossaccesskeyid|accesskeyid|x-amz-signature|x-amz-credential|x-amz-security-token|sig|token|access_token)$/i;

/**
 * The credentials a URL carries: the password of its userinfo and the values of pre-signing query
 * parameters, each as written and decoded. The URL is still used as given; only its renderings hide them.
 */
export function urlCredentials(text: string): string[] {
  let u: URL;
  try {
    u = new URL(text);
  } catch {
    return [];
  }
  const out = new Set<string>();
  const both = (raw: string) => {
    if (!raw) return;
    out.add(raw);
    try {
      out.add(decodeURIComponent(raw));
    } catch {
      // not percent-encoded text: the raw form is enough
    }
  };
  if (u.password) both(u.password);
  for (const [name, value] of u.searchParams) {
    if (CREDENTIAL_PARAMS.test(name)) {
      out.add(value);
      const raw = new RegExp(`[?&]${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}=([^&#]*)`).exec(u.search)?.[1];
      if (raw) both(raw);
    }
  }
  return [...out].filter((v) => v.length >= 3);
}

/**
 * A proxy URL's credentials (HTTPS_PROXY …): its password, and `user:password` as clients send it (decoded, in
 * a Basic Proxy-Authorization header, whose base64 is among its forms) and as written in the URL. The pair is
 * `whole`: scrubbed only whole, since the user name alone is not a secret.
 */
export function proxyCredentials(text: string): { secrets: string[]; whole: string[] } {
  let u: URL;
  try {
    u = new URL(text);
  } catch {
    return { secrets: [], whole: [] };
  }
  if (!u.password) return { secrets: [], whole: [] };
  const decode = (s: string) => {
    try {
      return decodeURIComponent(s);
    } catch {
      return s;
    }
  };
  return {
    secrets: [...new Set([u.password, decode(u.password)])],
    whole: [...new Set([`${decode(u.username)}:${decode(u.password)}`, `${u.username}:${u.password}`])],
  };
}
