import http from 'node:http';
import type { RequestListener } from 'node:http';
import { checkingIntervalMs, guardServer, slowClientLimits, type SlowClientLimits } from './slow-clients';

export { SERVER_KEEP_ALIVE_MS } from './slow-clients';

/** Every server of the hub (gateway and subgraphs), with the slow-client limits of lib/slow-clients.ts. */
export function createHttpServer(app: RequestListener, limits: SlowClientLimits = slowClientLimits()): http.Server {
  const server = http.createServer({ connectionsCheckingInterval: checkingIntervalMs(limits) }, app);
  guardServer(server, limits);
  return server;
}
