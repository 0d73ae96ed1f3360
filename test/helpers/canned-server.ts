// A loopback HTTP server that answers each request with the next canned answer (status, JSON text), and
// remembers what was asked: to put the action's SAE readers in front of answers written elsewhere (generated
// from the SDK's models, or recorded from SAE) through the real client (pop-core, json-bigint, its errors).
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface CannedAnswer {
  status: number;
  body: string;
  contentType?: string;
}

export interface CannedServer {
  url: string;
  /** Queues the answer to the next request. */
  answer(a: CannedAnswer): void;
  /** Method and path (with query) of each request, in order. */
  readonly asked: string[];
  close(): Promise<void>;
}

export async function cannedServer(): Promise<CannedServer> {
  const queue: CannedAnswer[] = [];
  const asked: string[] = [];
  const server: Server = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      asked.push(`${req.method} ${req.url}`);
      const a = queue.shift() ?? { status: 500, body: '{"Code":"NoCannedAnswer"}' };
      res.writeHead(a.status, { 'content-type': a.contentType ?? 'application/json;charset=utf-8' });
      res.end(a.body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    answer: (a) => void queue.push(a),
    asked,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
