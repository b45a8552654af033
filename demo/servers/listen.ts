// Every demo server listens the same way: loopback only, a given port or a free one, and a stop()
// that also closes kept-alive connections so tests end promptly.
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface RunningServer {
  url: string;
  port: number;
  stop(): Promise<void>;
}

/** Listens with `handler` on 127.0.0.1:port (0 picks a free port). */
export async function listen(
  handler: http.RequestListener,
  port: number,
  name: string,
): Promise<RunningServer> {
  const server = http.createServer(handler);
  await new Promise<void>((resolve, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) =>
      reject(
        error.code === 'EADDRINUSE'
          ? new Error(`${name}: port ${port} is in use; choose another DEMO_BASE_PORT or 0`)
          : error,
      ),
    );
    server.listen(port, '127.0.0.1', () => resolve());
  });
  const actual = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${actual}`,
    port: actual,
    stop: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
