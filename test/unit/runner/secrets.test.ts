// What is registered as a secret, and the scrub of every form a secret is echoed in, held by generated secrets
// (seeded): access key secrets, STS security tokens, GitHub tokens, OIDC JWTs, passwords with punctuation and
// non-ASCII letters, each written raw, split over two lines at any point, in base64 inside longer base64 at
// every byte offset, in hex, and cut in the middle as a gateway's error page cuts it.
import { describe, expect, it } from 'vitest';
import { MIN_SECRET, PIECE, proxyCredentials, SecretSet } from '../../../src/runner/secrets.js';
import { mulberry32 } from '../../helpers/random.js';

const SEED = Number(process.env.SEED ?? 20_003);
const random = mulberry32(SEED);
const pick = (chars: string, n: number) =>
  Array.from({ length: n }, () => chars[Math.floor(random() * chars.length)]).join('');
const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
const B64 = `${ALNUM}+/`;

/** Secrets of every kind the action handles, a few of each. */
const SECRETS: Array<[string, string]> = [];
for (let i = 0; i < 4; i++) {
  SECRETS.push(['AccessKey secret', pick(ALNUM, 30)]);
  SECRETS.push(['STS security token', `CAIS${pick(B64, 560 + Math.floor(random() * 200))}`]);
  SECRETS.push(['GitHub token', `ghs_${pick(ALNUM, 36)}`]);
  SECRETS.push(['OIDC token', `eyJ${pick(ALNUM, 30)}.eyJ${pick(ALNUM, 200)}.${pick(`${ALNUM}-_`, 340)}`]);
  SECRETS.push(['password', `${pick(ALNUM, 6)}p@ss:w/rd%"'\\<>&${pick(ALNUM, 4)}`]);
  SECRETS.push(['non-ASCII password', `pässwörd-密码-${pick(ALNUM, 6)}`]);
}

/** Every run of PIECE characters of `s` (what must not survive of it). */
const pieces = (s: string) =>
  Array.from({ length: Math.max(0, s.length - PIECE + 1) }, (_, i) => s.slice(i, i + PIECE));
/** The base64 of `secret` inside longer base64 text, at a byte offset: the characters only the secret decides. */
function base64Inside(secret: string, offset: number): { text: string; inner: string } {
  const before = Buffer.from(pick(ALNUM, 12 + offset));
  const bytes = Buffer.from(secret);
  const text = Buffer.concat([before, bytes, Buffer.from(pick(ALNUM, 7))]).toString('base64');
  const skip = Math.ceil((before.length * 8) / 6);
  const inner = text.slice(skip, Math.floor(((before.length + bytes.length) * 8) / 6));
  return { text, inner };
}

describe('what is a secret', () => {
  it(`a value shorter than ${MIN_SECRET} characters is not registered, and the words it spells stay`, () => {
    const s = new SecretSet();
    for (const short of ['failed', 'true', 'abc', '1234567', 'succeeded'.slice(0, MIN_SECRET - 1)])
      expect(s.add(short)).toEqual([]);
    expect(s.scrub('Result: failed (true); 1234567 abc')).toBe('Result: failed (true); 1234567 abc');
    expect(s.add('12345678')).toContain('12345678');
    expect(s.scrub('x 12345678 y')).toBe('x *** y');
  });

  it("a proxy's user:password is scrubbed whole, the user name alone is not a secret", () => {
    const { secrets, whole } = proxyCredentials('http://deploy-bot-service-account:pr0xy%40Pa55@proxy.example:3128');
    expect(secrets).toEqual(['pr0xy%40Pa55', 'pr0xy@Pa55']);
    expect(whole).toEqual(['deploy-bot-service-account:pr0xy@Pa55', 'deploy-bot-service-account:pr0xy%40Pa55']);
    const s = new SecretSet();
    for (const v of secrets) s.add(v);
    for (const v of whole) s.add(v, { pieces: false });
    const basic = Buffer.from(whole[0]!).toString('base64');
    expect(s.scrub(`proxyAuth: '${whole[0]}', 'Proxy-Authorization': 'Basic ${basic}'`)).toBe(
      "proxyAuth: '***', 'Proxy-Authorization': 'Basic ***'",
    );
    expect(s.scrub('user deploy-bot-service-account')).toBe('user deploy-bot-service-account');
    expect(proxyCredentials('http://proxy.example:3128')).toEqual({ secrets: [], whole: [] });
  });
});

describe(`every form a secret is echoed in (seed ${SEED})`, () => {
  for (const [kind, secret] of SECRETS) {
    it(`${kind} (${secret.length} characters)`, () => {
      const s = new SecretSet();
      s.add(secret);
      const survivors = (text: string, of: string) => {
        const joined = s.scrub(text).replace(/\r|\n/g, '');
        return pieces(of).filter((p) => joined.includes(p));
      };
      const why = (form: string) => `${form} of ${JSON.stringify(secret)}`;

      expect(survivors(`token=${secret};`, secret), why('raw')).toEqual([]);
      // Split over two lines, anywhere (a wrapped log line, a gateway's page), with each kind of break.
      for (let n = 0; n < 12; n++) {
        const at = 1 + Math.floor(random() * (secret.length - 1));
        for (const br of ['\n', '\r\n', '\r'])
          expect(
            survivors(`a ${secret.slice(0, at)}${br}${secret.slice(at)} b`, secret),
            why(`split at ${at}`),
          ).toEqual([]);
      }
      // Cut in the middle: any piece, as long as PIECE or longer (65 characters of a token, a gateway's page).
      for (let n = 0; n < 12; n++) {
        const length = PIECE + Math.floor(random() * Math.min(80, secret.length - PIECE + 1));
        const start = Math.floor(random() * (secret.length - length + 1));
        const piece = secret.slice(start, start + length);
        expect(
          survivors(`<html><p>Invalid token ${piece}…</p></html>`, piece),
          why(`piece ${start}+${length}`),
        ).toEqual([]);
      }
      // In base64 inside longer base64 (an Authorization header, an encoded dump), at each byte offset.
      for (const offset of [0, 1, 2]) {
        const { text, inner } = base64Inside(secret, offset);
        expect(survivors(`Basic ${text}`, inner), why(`base64 at offset ${offset}`)).toEqual([]);
        const url = base64Inside(secret, offset);
        const urlText = url.text.replace(/\+/g, '-').replace(/\//g, '_');
        const urlInner = url.inner.replace(/\+/g, '-').replace(/\//g, '_');
        expect(survivors(urlText, urlInner), why(`base64url at offset ${offset}`)).toEqual([]);
      }
      // In hex, lower or upper case, inside a dump.
      const hex = Buffer.from(secret).toString('hex');
      expect(survivors(`00ff${hex}ff00`, hex), why('hex')).toEqual([]);
      expect(survivors(`00FF${hex.toUpperCase()}FF00`, hex.toUpperCase()), why('HEX')).toEqual([]);
    });
  }

  it('keeps the text around a secret, and each line of a split one', () => {
    const s = new SecretSet();
    const token = SECRETS.find(([k]) => k === 'STS security token')![1];
    s.add(token);
    expect(s.scrub(`before ${token.slice(0, 100)}\n${token.slice(100, 300)} after`)).toBe('before ***\n*** after');
    expect(s.scrub(`x ${token.slice(10, 75)} y`)).toBe('x *** y');
    expect(s.scrub('nothing secret here, at any length: '.repeat(40))).toBe(
      'nothing secret here, at any length: '.repeat(40),
    );
  });

  it('a 1 MB text (the size of the largest summary) is scrubbed in seconds at most', () => {
    const s = new SecretSet();
    for (const [, secret] of SECRETS) s.add(secret);
    const text = `${pick(`${B64} \n`, 1024 * 1024)}`;
    const started = performance.now();
    s.scrub(text);
    // A bound against a scan that grows faster than the text, not a benchmark (about 0.1 s on an idle machine).
    expect(performance.now() - started).toBeLessThan(5000);
  });
});
