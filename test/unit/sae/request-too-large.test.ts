// A request too large for SAE's gateway (414, 431) fails the same way again: never retried, and never taken for
// one that may have acted. Against a real Node server with a small header limit.
import { describe, expect, it } from 'vitest';
import { SaeClient } from '../../../src/sae/client.js';
import { SaeError } from '../../../src/sae/errors.js';
describe('414 / 431: the same request fails again', () => {
  it('a real 431 answer is neither retried nor taken for a request that may have acted', async () => {
    const { createServer } = await import('node:http');
    const { isTransient, mayHaveActed } = await import('../../../src/sae/retry.js');
    // A Node server with a small header limit answers 431 by itself, as a gateway does to an over-long URL.
    const server = createServer({ maxHeaderSize: 1024 }, (_req, res) => res.end('{}'));
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
    const port = (server.address() as { port: number }).port;
    try {
      const client = await SaeClient.create({
        endpoint: `http://127.0.0.1:${port}`,
        credentials: { accessKeyId: 'a', accessKeySecret: 'b' },
        requestTimeoutMs: 2000,
      });
      const e = await client
        .updateJob({ query: { AppId: 'x', Command: 'y'.repeat(4000) }, body: {}, secrets: [] })
        .then(
          () => undefined,
          (x: unknown) => x as SaeError,
        );
      expect(e).toBeInstanceOf(SaeError);
      expect(e!.httpStatus).toBe(431);
      expect(isTransient(e!)).toBe(false);
      expect(mayHaveActed(e!)).toBe(false);
    } finally {
      server.close();
    }
  });
});
