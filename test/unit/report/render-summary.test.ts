// `npm run render-summary`: the four summaries as a browser draws them. The PNG part needs headless
// Chromium; the suite does not.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { findChromium, renderAll, SNAPSHOTS, summaryHtml } from '../../../scripts/render-summary.js';
import { links } from '../../helpers/markdown.js';

// Chromium takes both CPU cores for seconds: run beside the suite, it makes the emulator's 60 ms change-order
// steps miss (seen in test/emulator-tests/change-orders.test.ts). So the PNG part runs when asked for
// (RENDER_SUMMARY_PNG=1 npx vitest run test/unit/report/render-summary.test.ts) and Chromium is there.
const chromium = process.env['RENDER_SUMMARY_PNG'] ? findChromium() : undefined;

describe('render-summary', () => {
  it('draws the caution box as GitHub does, with its link intact', () => {
    const html = summaryHtml(readFileSync(join(SNAPSHOTS, 'summary-failed.md'), 'utf8'), 'failed');
    const box = /<div class="markdown-alert">(.*?)<\/div>/s.exec(html)?.[1] ?? '';
    expect(box).toContain('Caution');
    expect(box).not.toContain('[!CAUTION]');
    expect(links(box).map(([, href]) => href)).toEqual([
      'https://sae.console.aliyun.com/#/AppList/ChangeOrderDetail?changeOrderId=66507b7c-dad5-415c-a16d-d4bf3363254a&regionId=cn-hangzhou',
    ]);
  });

  it.skipIf(!chromium)(
    'screenshots a summary to a PNG of the whole page (headless Chromium)',
    async () => {
      const out = mkdtempSync(join(tmpdir(), 'summary-png-'));
      try {
        const files = await renderAll(out, (f) => f === 'summary-failed.md');
        const png = readFileSync(files.find((f) => f.endsWith('.png'))!);
        expect(png.subarray(1, 4).toString()).toBe('PNG');
        // IHDR: width and height, big-endian, at bytes 16 and 20. The failed summary is taller than a window.
        expect(png.readUInt32BE(16)).toBe(868);
        expect(png.readUInt32BE(20)).toBeGreaterThan(900);
      } finally {
        rmSync(out, { recursive: true, force: true });
      }
    },
    90_000,
  );
});
