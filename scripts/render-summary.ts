// `npm run render-summary [-- out-dir]`: renders the four job-summary snapshots (succeeded, failed, bad
// input, dry run: test/unit/report/__snapshots__/summary-*.md) as GitHub shows them, to HTML and, when headless
// Chromium is installed (Debian: `apt-get install chromium`; or set CHROMIUM), to PNG, so a person can
// look at them. Collapsed sections stay collapsed, as on GitHub.
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { marked } from 'marked';

const ROOT = resolve(import.meta.dirname, '..');
export const SNAPSHOTS = join(ROOT, 'test/unit/report/__snapshots__');

// Close to github-markdown-css (light), for the parts a summary uses.
const CSS = `body{font:14px/1.5 -apple-system,BlinkMacSystemFont,"Segoe UI","Noto Sans",Helvetica,Arial,sans-serif;color:#1f2328;background:#fff;width:820px;margin:0;padding:16px 24px}
h2{font-size:1.5em;font-weight:600;border-bottom:1px solid #d1d9e0;padding-bottom:.3em;margin:8px 0 16px}h3{font-size:1.25em;font-weight:600;margin:24px 0 16px}
p,ul,table,details,pre{margin:0 0 16px}table{border-collapse:collapse;display:block;overflow:auto;max-width:100%}td,th{border:1px solid #d1d9e0;padding:6px 13px}th{font-weight:600}
tr{background:#fff;border-top:1px solid #d1d9e0b3}tr:nth-child(2n){background:#f6f8fa}code{background:#818b981f;border-radius:6px;padding:.2em .4em;font:85% ui-monospace,SFMono-Regular,Menlo,Consolas,"Liberation Mono",monospace;white-space:break-spaces}
pre{background:#f6f8fa;padding:16px;border-radius:6px;overflow:auto}pre code{background:none;padding:0}a{color:#0969da;text-decoration:underline;text-underline-offset:.2rem}
summary{cursor:pointer}.markdown-alert{padding:8px 16px;margin-bottom:16px;border-left:.25em solid #cf222e}.markdown-alert>p{margin:0}
.markdown-alert-title{color:#d1242f;font-weight:500;margin-bottom:4px!important}`;

/** GitHub's alert syntax (`> [!CAUTION]`), which marked leaves as a plain quote, as GitHub draws it. */
function alerts(html: string): string {
  return html
    .replace(
      /<blockquote>\s*<p>\[!CAUTION\]\s*/g,
      '<div class="markdown-alert"><p class="markdown-alert-title">⊘ Caution</p><p>',
    )
    .replace(/(<div class="markdown-alert">(?:(?!<\/blockquote>).)*)<\/blockquote>/gs, '$1</div>');
}

export function summaryHtml(markdown: string, title: string): string {
  return `<!doctype html><meta charset="utf-8"><title>${title}</title><style>${CSS}</style><body>${alerts(marked.parse(markdown, { async: false }))}</body>`;
}

/** Chromium on this machine, if any. */
export function findChromium(): string | undefined {
  for (const bin of [process.env['CHROMIUM'], 'chromium', 'chromium-browser', 'google-chrome']) {
    if (bin && spawnSync(bin, ['--version'], { stdio: 'ignore' }).status === 0) return bin;
  }
  return undefined;
}

/**
 * A PNG of the whole page. Chromium's --screenshot flag only takes the window, so this speaks its DevTools
 * protocol over --remote-debugging-pipe (fd 3 in, fd 4 out, NUL-separated JSON) to measure the page first.
 */
export async function screenshot(
  chromium: string,
  htmlFile: string,
  pngFile: string,
): Promise<{ width: number; height: number }> {
  const child = spawn(
    chromium,
    [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--hide-scrollbars',
      '--remote-debugging-pipe',
      '--no-first-run',
      `--user-data-dir=${join(resolve(pngFile, '..'), '.chromium-profile')}`,
      'about:blank',
    ],
    { stdio: ['ignore', 'ignore', 'pipe', 'pipe', 'pipe'] },
  );
  const toChrome = child.stdio[3] as NodeJS.WritableStream;
  const fromChrome = child.stdio[4] as NodeJS.ReadableStream;
  let stderr = '';
  child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
  const waiting = new Map<number, (v: { result?: Record<string, unknown>; error?: { message: string } }) => void>();
  const events: Array<{ method: string; sessionId?: string }> = [];
  let buffer = '';
  fromChrome.on('data', (d: Buffer) => {
    buffer += d.toString('utf8');
    let i;
    while ((i = buffer.indexOf('\0')) >= 0) {
      const msg = JSON.parse(buffer.slice(0, i)) as {
        id?: number;
        method?: string;
        sessionId?: string;
        result?: Record<string, unknown>;
        error?: { message: string };
      };
      buffer = buffer.slice(i + 1);
      if (msg.id !== undefined) waiting.get(msg.id)?.(msg);
      else if (msg.method) events.push({ method: msg.method, sessionId: msg.sessionId });
    }
  });
  let next = 0;
  const send = (method: string, params: Record<string, unknown> = {}, sessionId?: string) =>
    new Promise<Record<string, unknown>>((res, rej) => {
      const id = ++next;
      waiting.set(id, (m) => (m.error ? rej(new Error(`${method}: ${m.error.message}`)) : res(m.result ?? {})));
      toChrome.write(`${JSON.stringify({ id, method, params, ...(sessionId ? { sessionId } : {}) })}\0`);
    });
  const exited = new Promise<never>((_, rej) =>
    child.once('exit', (c) => rej(new Error(`chromium exited (${c}): ${stderr.slice(-500)}`))),
  );
  const timeout = new Promise<never>((_, rej) =>
    setTimeout(() => rej(new Error(`chromium took over 60 s: ${stderr.slice(-500)}`)), 60_000).unref(),
  );
  try {
    return await Promise.race([
      exited,
      timeout,
      (async () => {
        const { targetId } = (await send('Target.createTarget', { url: 'about:blank' })) as { targetId: string };
        const { sessionId } = (await send('Target.attachToTarget', { targetId, flatten: true })) as {
          sessionId: string;
        };
        await send('Page.enable', {}, sessionId);
        await send(
          'Emulation.setDeviceMetricsOverride',
          { width: 868, height: 600, deviceScaleFactor: 1, mobile: false },
          sessionId,
        );
        const seen = events.length;
        await send('Page.navigate', { url: pathToFileURL(htmlFile).href }, sessionId);
        while (!events.slice(seen).some((e) => e.method === 'Page.loadEventFired' && e.sessionId === sessionId))
          await new Promise((r) => setTimeout(r, 20));
        const metrics = (await send('Page.getLayoutMetrics', {}, sessionId)) as {
          cssContentSize: { width: number; height: number };
        };
        const width = 868;
        const height = Math.ceil(metrics.cssContentSize.height);
        const shot = (await send(
          'Page.captureScreenshot',
          { format: 'png', captureBeyondViewport: true, clip: { x: 0, y: 0, width, height, scale: 1 } },
          sessionId,
        )) as { data: string };
        writeFileSync(pngFile, Buffer.from(shot.data, 'base64'));
        await send('Browser.close').catch(() => undefined);
        return { width, height };
      })(),
    ]);
  } finally {
    child.kill();
  }
}

export async function renderAll(out: string, only?: (file: string) => boolean): Promise<string[]> {
  mkdirSync(out, { recursive: true });
  const chromium = findChromium();
  const written: string[] = [];
  for (const file of readdirSync(SNAPSHOTS).filter(
    (f) => f.startsWith('summary-') && f.endsWith('.md') && (!only || only(f)),
  )) {
    const html = join(out, file.replace(/\.md$/, '.html'));
    writeFileSync(html, summaryHtml(readFileSync(join(SNAPSHOTS, file), 'utf8'), file));
    written.push(html);
    if (chromium) {
      const png = html.replace(/\.html$/, '.png');
      await screenshot(chromium, html, png);
      written.push(png);
    }
  }
  if (!chromium) console.log('No chromium found (apt-get install chromium, or set CHROMIUM): HTML only.');
  return written;
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  for (const f of await renderAll(resolve(process.argv[2] ?? join(ROOT, '.tmp/summary')))) console.log(f);
}
