// Secrets in every form they can take in text the action writes. A secret rarely appears only raw: JSON
// escapes its quotes, backslashes and line breaks (the `request` output, the dry-run log), a URL or form
// body percent-encodes it, Node's util.inspect quotes and escapes it (NODE_DEBUG, error dumps), and a
// workflow command escapes % and line breaks. The runner masks only the raw value, so every form is
// scrubbed here and also registered with the runner.
import { inspect } from 'node:util';

const json = (s: string) => JSON.stringify(s).slice(1, -1);
const commandData = (s: string) => s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');

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
  // A multi-line secret may also be printed one line at a time.
  for (const line of secret.split(/\r?\n/)) if (line.trim().length >= 4) forms.add(line);
  return [...forms].filter((f) => f.length > 0).sort((a, b) => b.length - a.length);
}

/** The registered secrets of one run, and the scrub that replaces each of their forms with ***. */
export class SecretSet {
  private readonly forms = new Set<string>();
  private sorted: string[] = [];

  /** Adds a secret; returns the forms not known before (to register with the runner as masks). */
  add(secret: string): string[] {
    if (!secret) return [];
    const added = secretForms(secret).filter((f) => !this.forms.has(f));
    for (const f of added) this.forms.add(f);
    if (added.length) this.sorted = [...this.forms].sort((a, b) => b.length - a.length);
    return added;
  }

  has(secret: string): boolean {
    return this.forms.has(secret);
  }

  /** The text with every form of every secret replaced by ***, longest first (a secret may contain another). */
  scrub(text: string): string {
    let out = text;
    for (const f of this.sorted) if (out.includes(f)) out = out.split(f).join('***');
    return out;
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
