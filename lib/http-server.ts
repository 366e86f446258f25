import http from 'node:http';
import type { RequestListener } from 'node:http';

/**
 * Idle kept-alive connections stay open longer than a client's pool keeps them (gateway:
 * gateway/src/subgraph-fetcher.ts, 30 s), so the server never closes a socket just as a client
 * sends on it. With Node's default of 5 s, 50-lead lists under load through the gateway saw a
 * subgraph socket reset about once in 500 requests (ECONNRESET).
 */
export const SERVER_KEEP_ALIVE_MS = 65_000;

export function createHttpServer(app: RequestListener): http.Server {
  const server = http.createServer(app);
  server.keepAliveTimeout = SERVER_KEEP_ALIVE_MS;
  server.headersTimeout = SERVER_KEEP_ALIVE_MS + 1_000;
  return server;
}
