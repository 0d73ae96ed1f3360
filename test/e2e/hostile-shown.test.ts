// SAE's free text and a free-text input, hostile, through a whole run in-process against the emulator: every
// line break and markup form (test/helpers/hostile-text.ts) in an error's message, a change order's message, a
// failed task, a job run's message and the command input. The job summary keeps the shape of the same run with
// a harmless value (rendered by each renderer), and every annotation is plain text: newlines its only breaks,
// no hidden character, its title on one line.
import { describe, expect, it } from 'vitest';
import { emulatorInputs, useEmulator, type ActionRun } from '../helpers/action.js';
import { hostileValues, LINE_BREAKS, MARKUP } from '../helpers/hostile-text.js';
import { links, renderCmarkGfm, RENDERERS, skeleton } from '../helpers/markdown.js';
import { allowanceOf, forbiddenCharacter } from '../../src/inputs/characters.js';
import { PARAMETER_BY_INPUT } from '../../src/contract/parameters.js';
import { ownUrl } from '../../src/report/markdown.js';

const APP = '7171a6ca-d1cd-4928-8642-7d5cfe69aaaa';
const SEED = Number(process.env.SEED ?? 20_005);
const h = useEmulator({ plan: [{ status: 0, forMs: 100 }, { status: 2 }] });

/** Every markup form, each after a line break (every kind in turn), packed into values of at most ~120 characters. */
function packed(): string[] {
  const out: string[] = [];
  let value = 'start';
  MARKUP.forEach((m, i) => {
    const part = `${LINE_BREAKS[i % LINE_BREAKS.length]}${m}`;
    if (value.length + part.length > 120) {
      out.push(value);
      value = 'next';
    }
    value += part;
  });
  return [...out, value, ...hostileValues(SEED, 4)];
}
const VALUES = packed();

type Field = [
  name: string,
  arrange: (v: string) => void,
  inputs?: (v: string) => Record<string, string>,
  /** The value as this field can carry it (an input refuses control and bidirectional characters). */
  carried?: (v: string) => string,
];
const FIELDS: Field[] = [
  [
    "an error's message",
    (v) => h.sae.script({ api: 'UpdateJob', error: { status: 400, code: 'InvalidParameter.Echo', message: v } }),
  ],
  [
    "a failed change order's message",
    (v) =>
      h.sae.setOrderPlan([
        { status: 0, forMs: 100 },
        { status: 3, errorMessage: v },
      ]),
  ],
  [
    'a failed task',
    (v) =>
      h.sae.setOrderPlan([
        { status: 0, forMs: 100 },
        { status: 3, errorMessage: 'Deployment failed', failedTask: { stage: v, task: v, code: 'E', message: v } },
      ]),
  ],
  [
    "a job run's message",
    (v) => h.sae.setJobPlan([{ state: '2', failed: 1, message: v }]),
    () => ({ 'run-after-deploy': 'true' }),
  ],
  // A free-text input (prose: line breaks and markup pass; control, separator and bidirectional characters are
  // refused before the network, test/e2e/hostile-inputs.test.ts).
  [
    'the php-config input',
    () => undefined,
    (v) => ({ 'php-config': v }),
    (v) => {
      // Each character the input refuses becomes a line feed, which it takes: the markup stays.
      const allow = allowanceOf('php-config', PARAMETER_BY_INPUT.get('php-config'));
      for (let bad = forbiddenCharacter(v, allow); bad; bad = forbiddenCharacter(v, allow))
        v = `${v.slice(0, bad.index)}\n${v.slice(bad.index + String.fromCodePoint(bad.codePoint).length)}`;
      return v;
    },
  ],
];

async function runWith(field: Field, v: string): Promise<ActionRun> {
  h.sae.reset();
  h.sae.setOrderPlan([{ status: 0, forMs: 100 }, { status: 2 }]);
  field[1](v);
  return h.run({
    inputs: emulatorInputs(h.sae.url, { 'app-id': APP, 'image-url': 'registry.example/ns/job:2', ...field[2]?.(v) }),
    env: { GITHUB_REPOSITORY: 'acme/jobs', GITHUB_RUN_ID: '42' },
  });
}

const shapeOf = (html: string) => skeleton(html).filter((t) => t !== 'code' && t !== '/code');
const HIDDEN_OR_BREAK = /[\r\v\f\u0085\u2028\u2029]|(?!\n)[\p{Cc}\p{Cf}]/u;

describe("SAE's free text and a free-text input, hostile, through a run", () => {
  for (const field of FIELDS) {
    it(`${field[0]}: the summary keeps its shape; annotations are plain text (seed ${SEED})`, async () => {
      const harmless = await runWith(field, 'harmless words');
      const runs: ActionRun[] = [];
      for (const v of VALUES) {
        const carried = field[3] ? field[3](v) : v;
        // A value that is only white space once carried is an empty input: nothing to show.
        if (carried.trim()) runs.push(await runWith(field, carried));
      }
      // The value did reach the summary or an annotation (so an injection would show).
      expect(runs.some((r) => /forged|evil|octocat/.test(r.summary + JSON.stringify(r.annotations)))).toBe(true);

      const docs = [harmless.summary, ...runs.map((r) => r.summary)];
      const pages: Record<string, string[]> = {};
      for (const [name, render] of Object.entries(RENDERERS)) pages[name] = docs.map(render);
      const cmark = renderCmarkGfm(docs);
      if (cmark) pages['cmark-gfm'] = cmark;
      for (const [renderer, [first, ...rest]] of Object.entries(pages)) {
        rest.forEach((html, i) => {
          const why = `${renderer}, ${JSON.stringify(VALUES[i])}:\n${docs[i + 1]}`;
          expect(shapeOf(html), why).toEqual(shapeOf(first!));
          for (const [, href] of links(html)) expect(ownUrl(href, { run: true }), why).toBe(href);
        });
      }
      runs.forEach((run, i) => {
        for (const a of run.annotations) {
          const why = `${JSON.stringify(VALUES[i])}: ${JSON.stringify(a)}`;
          expect(a.message, why).not.toMatch(HIDDEN_OR_BREAK);
          expect(a.title ?? '', why).not.toMatch(/[\n\r\u0085\u2028\u2029]/);
        }
      });
    });
  }
});
