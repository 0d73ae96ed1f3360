// `npx tsx scripts/render-summary.ts [out-dir]`: renders the job-summary snapshots
// (test/unit/__snapshots__/summary-*.md) to HTML pages styled like GitHub's, to look at them in a browser
// or screenshot them: chromium --headless --screenshot=out.png --window-size=1000,1300 file://…/summary-failed.html
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { marked } from 'marked';

const ROOT = resolve(import.meta.dirname, '..');
const SNAPSHOTS = join(ROOT, 'test/unit/__snapshots__');
const out = resolve(process.argv[2] ?? join(ROOT, '.tmp/summary'));
mkdirSync(out, { recursive: true });

const CSS = `body{font:14px/1.5 -apple-system,"Segoe UI","Noto Sans",Helvetica,Arial,sans-serif;color:#1f2328;max-width:900px;margin:24px auto;padding:0 16px}
h2{border-bottom:1px solid #d1d9e0;padding-bottom:.3em}table{border-collapse:collapse;margin:8px 0}td,th{border:1px solid #d1d9e0;padding:6px 13px}
tr:nth-child(2n){background:#f6f8fa}code{background:#eff1f3;border-radius:6px;padding:.2em .4em;font-size:85%}
blockquote{border-left:.25em solid #d1242f;margin:0;padding:0 1em;color:#1f2328;background:#fff5f5}a{color:#0969da}
pre{background:#f6f8fa;padding:16px;border-radius:6px;overflow:auto}details{margin:8px 0}`;

for (const file of readdirSync(SNAPSHOTS).filter((f) => f.startsWith('summary-') && f.endsWith('.md'))) {
  const md = readFileSync(join(SNAPSHOTS, file), 'utf8').replace(/^> \[!CAUTION\]\n/m, '');
  const html = `<!doctype html><meta charset="utf-8"><title>${file}</title><style>${CSS}</style>${marked.parse(md.replace(/<details>/g, '<details open>'))}`;
  writeFileSync(join(out, file.replace(/\.md$/, '.html')), html);
  console.log(join(out, file.replace(/\.md$/, '.html')));
}
