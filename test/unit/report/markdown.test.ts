// The one renderer (src/report/markdown.ts), held by generated values: every markup form after and before every
// line break, and seeded random mixes with hidden characters, in every place a value goes (paragraph, list
// item, quote, table cell, heading, link text, code span). Each is rendered by two independent GFM renderers and
// must come out as exactly the elements the action wrote, showing exactly the value's text.
import { describe, expect, it } from 'vitest';
import { code, heading, link, ownUrl, plain, plainLine, prose, text } from '../../../src/report/markdown.js';
import { HIDDEN, hostileValues, LINE_BREAKS, markupAcrossLines, shown } from '../../helpers/hostile-text.js';
import { codeSpans, links, renderCmarkGfm, RENDERERS, skeleton, textOf } from '../../helpers/markdown.js';

const SEED = Number(process.env.SEED ?? 20_001);
const VALUES = [...markupAcrossLines(), ...hostileValues(SEED, 400)];

/** A place a value goes: the markdown around it, the elements it must render as, and where its text is. */
interface Place {
  md: (v: string) => string;
  shape: string[];
  /** The text a reader sees of the value there. */
  read: (html: string) => string;
  /** What that text must be. */
  expected: (v: string) => string;
}

/** A code value as shown: as it is, but for `@` in one written as <code> (with a `|`), which GitHub could link. */
const inCode = (v: string) => {
  const s = shown(v, { trim: false });
  return s.includes('|') ? s.replace(/@/g, '@\u200b') : s;
};

const cellsOf = (html: string) => [...html.matchAll(/<td>(.*?)<\/td>/gs)].map((m) => m[1]!);
const ROW = ['table', 'thead', 'tr', 'th', '/th', 'th', '/th', '/tr', '/thead', 'tbody', 'tr', 'td', '/td'];

const PLACES: Record<string, Place> = {
  paragraph: {
    md: (v) => `Before.\n\n${text(v)}\n\nAfter.\n`,
    shape: ['p', '/p', 'p', '/p', 'p', '/p'],
    read: (html) => textOf(/<p>Before\.<\/p>\s*<p>(.*?)<\/p>/s.exec(html)?.[1] ?? ''),
    expected: (v) => shown(v, { unlinked: true }),
  },
  'list item': {
    md: (v) => `- ${text(v)}\n- second\n`,
    shape: ['ul', 'li', '/li', 'li', '/li', '/ul'],
    read: (html) => textOf(/<li>(.*?)<\/li>/s.exec(html)?.[1] ?? ''),
    expected: (v) => shown(v, { unlinked: true }),
  },
  quote: {
    md: (v) => `> [!CAUTION]\n> **Code**: ${text(v)}\n\nAfter.\n`,
    shape: ['blockquote', 'p', 'strong', '/strong', '/p', '/blockquote', 'p', '/p'],
    read: (html) => textOf(/<\/strong>: (.*?)<\/p>/s.exec(html)?.[1] ?? ''),
    expected: (v) => shown(v, { unlinked: true }),
  },
  'table cell': {
    md: (v) => `| A | B |\n|---|---|\n| ${text(v)} | end |\n`,
    shape: [...ROW, 'td', '/td', '/tr', '/tbody', '/table'],
    read: (html) => textOf(cellsOf(html)[0] ?? ''),
    expected: (v) => shown(v, { unlinked: true }),
  },
  'code in a table cell': {
    md: (v) => `| A | B |\n|---|---|\n| ${code(v) || 'none'} | end |\n`,
    shape: [...ROW, 'td', '/td', '/tr', '/tbody', '/table'],
    read: (html) => codeSpans(cellsOf(html)[0] ?? '')[0] ?? textOf(cellsOf(html)[0] ?? ''),
    expected: (v) => inCode(v) || 'none',
  },
  'code in a sentence': {
    md: (v) => `Deploying ${code(v) || 'none'} now.\n`,
    shape: ['p', '/p'],
    read: (html) => codeSpans(html)[0] ?? textOf(/<p>Deploying (.*) now\.<\/p>/s.exec(html)?.[1] ?? ''),
    expected: (v) => inCode(v) || 'none',
  },
  heading: {
    md: (v) => `${heading(3, `Template ${v}`)}\n\nText.\n`,
    shape: ['h3', '/h3', 'p', '/p'],
    read: (html) => textOf(/<h3>(.*?)<\/h3>/s.exec(html)?.[1] ?? ''),
    expected: (v) => shown(`Template ${v}`, { unlinked: true }),
  },
  'link text': {
    md: (v) => `See ${link(v, 'https://sae.console.aliyun.com/')}.\n`,
    shape: ['p', 'a', '/a', '/p'],
    read: (html) => links(html)[0]?.[0] ?? '',
    expected: (v) => shown(v, { unlinked: true }),
  },
};

/** The shape without the code elements a value adds in its own code span (empty values render 'none'). */
const shapeOf = (html: string) => skeleton(html).filter((t) => t !== 'code' && t !== '/code');

describe('every value, in every place, by each renderer', () => {
  for (const [name, place] of Object.entries(PLACES)) {
    it(`${name}: the elements the action wrote and the value's text, nothing else (seed ${SEED})`, () => {
      // A value of spaces alone is no text: the caller writes what stands for it.
      const values = VALUES.filter((v) => shown(v) || name.startsWith('code'));
      const docs = values.map(place.md);
      const rendered: Record<string, string[]> = {};
      for (const [renderer, render] of Object.entries(RENDERERS)) rendered[renderer] = docs.map(render);
      const cmark = renderCmarkGfm(docs);
      if (cmark) rendered['cmark-gfm'] = cmark;
      for (const [renderer, pages] of Object.entries(rendered)) {
        expect(pages).toHaveLength(values.length);
        values.forEach((v, i) => {
          const html = pages[i]!;
          const why = `${renderer}, ${JSON.stringify(v)}:\n${docs[i]}\n${html}`;
          expect(shapeOf(html), why).toEqual(place.shape);
          expect(place.read(html), why).toBe(place.expected(v));
          if (name !== 'link text') expect(links(html), why).toEqual([]);
          else
            expect(
              links(html).map(([, href]) => href),
              why,
            ).toEqual(['https://sae.console.aliyun.com/']);
        });
      }
    });
  }

  it('a code span holds a value with a pipe or a backslash before it as it is, in a table and outside one', () => {
    for (const v of ['a|b', 'a\\|b', '\\|', '|', 'x\\\\|y', '`a|b`', ' |lead']) {
      for (const render of Object.values(RENDERERS)) {
        expect(PLACES['code in a table cell']!.read(render(PLACES['code in a table cell']!.md(v)))).toBe(v);
        expect(PLACES['code in a sentence']!.read(render(PLACES['code in a sentence']!.md(v)))).toBe(v);
      }
    }
  });
});

describe('links: only the action own, rebuilt with the id percent-encoded', () => {
  const order = (id: string, region = 'cn-hangzhou', host = 'sae.console.aliyun.com') =>
    `https://${host}/#/AppList/ChangeOrderDetail?${new URLSearchParams({ changeOrderId: id, regionId: region })}`;

  it('a change order page, a console home, and (when asked) a workflow run', () => {
    expect(ownUrl(order('co-1'))).toBe(order('co-1'));
    expect(ownUrl(order('co-1', 'eu-central-1', 'sae.console.alibabacloud.com'))).toBe(
      order('co-1', 'eu-central-1', 'sae.console.alibabacloud.com'),
    );
    expect(ownUrl('https://sae.console.aliyun.com/')).toBe('https://sae.console.aliyun.com/');
    expect(ownUrl('https://github.com/acme/jobs/actions/runs/42/attempts/2', { run: true })).toBe(
      'https://github.com/acme/jobs/actions/runs/42/attempts/2',
    );
  });

  it('anything else is not a link', () => {
    for (const url of [
      'https://evil.example/',
      'http://sae.console.aliyun.com/',
      'https://sae.console.aliyun.com.evil.example/',
      'https://user:pw@sae.console.aliyun.com/',
      'https://sae.console.aliyun.com:8443/',
      'https://sae.console.aliyun.com/evil',
      'https://sae.console.aliyun.com/?next=https://evil.example',
      `${order('co-1')}&next=https://evil.example`,
      'https://sae.console.aliyun.com/#/AppList/Other?changeOrderId=x',
      'javascript:alert(1)',
      'https://github.com/acme/jobs/actions/runs/42', // a run link only where the action builds one
      'not a url',
    ])
      expect(ownUrl(url), url).toBeUndefined();
  });

  it('a hostile change order id stays inside its own link, percent-encoded, and shows as it is', () => {
    for (const id of VALUES.slice(0, 200)) {
      const message = `Change order: ${order(id)}. Then https://evil.example/x and www.evil.example.`;
      for (const render of Object.values(RENDERERS)) {
        const html = render(`> ${prose(message)}\n`);
        const found = links(html);
        const why = `${JSON.stringify(id)}\n${prose(message)}\n${html}`;
        expect(found, why).toHaveLength(1);
        const [label, href] = found[0]!;
        expect(new URL(href).host, why).toBe('sae.console.aliyun.com');
        expect(href, why).toBe(order(id));
        expect(label, why).toBe(shown(id, { unlinked: true }));
      }
    }
  });

  it('a link that is not the action own is its text', () => {
    const html = RENDERERS.micromark!(`${link('click [me]', 'https://evil.example/')}\n`);
    expect(links(html)).toEqual([]);
    expect(textOf(html).trim()).toBe('click [me]');
  });
});

describe('annotations: plain text', () => {
  it('every line break is a newline and every hidden character is shown; a title is one line', () => {
    for (const br of LINE_BREAKS) {
      expect(plain(`a${br}b`)).toBe('a\nb');
      expect(plainLine(`a${br}b`)).toBe('a b');
    }
    for (const h of HIDDEN) {
      const cp = h.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0');
      expect(plain(`a${h}b`)).toBe(`a<U+${cp}>b`);
      expect(plainLine(`a${h}b`)).toBe(`a<U+${cp}>b`);
    }
    expect(plain('keeps **markup** and <b>tags</b> as text')).toBe('keeps **markup** and <b>tags</b> as text');
  });
});
