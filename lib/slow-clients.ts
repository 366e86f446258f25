import type http from 'node:http';
import type net from 'node:net';
import { numberSetting } from './config';
import { refuse } from './errors';

/**
 * What one client may hold of a server (gateway or subgraph), from the environment
 * (docs/configuration.md). Node's defaults let a client take 60 s to send its headers and 300 s for its
 * body, and hold any number of connections: a few slow clients could occupy a server.
 */
export interface SlowClientLimits {
  /** Complete headers within this (HUB_HEADERS_TIMEOUT_MS). */
  headersTimeoutMs: number;
  /** The whole request, body included, within this (HUB_REQUEST_TIMEOUT_MS). */
  requestTimeoutMs: number;
  /** A connection on which nothing moves either way for this long, mid-request or mid-answer, is closed (HUB_SOCKET_IDLE_MS). */
  socketIdleMs: number;
  /** A kept-alive connection with no request is closed after this (HUB_KEEP_ALIVE_MS). */
  keepAliveMs: number;
  /** Open connections per client address (HUB_MAX_CONNECTIONS_PER_CLIENT); 0: no cap. */
  maxConnectionsPerClient: number;
}

/**
 * Idle kept-alive connections stay open longer than a client's pool keeps them (gateway:
 * gateway/src/subgraph-fetcher.ts, 30 s), so the server never closes a socket just as a client
 * sends on it. With Node's default of 5 s, 50-lead lists under load through the gateway saw a
 * subgraph socket reset about once in 500 requests (ECONNRESET).
 */
export const SERVER_KEEP_ALIVE_MS = 65_000;

export const slowClientLimits = (): SlowClientLimits => ({
  headersTimeoutMs: numberSetting('HUB_HEADERS_TIMEOUT_MS', 10_000),
  requestTimeoutMs: numberSetting('HUB_REQUEST_TIMEOUT_MS', 30_000),
  socketIdleMs: numberSetting('HUB_SOCKET_IDLE_MS', 60_000),
  keepAliveMs: numberSetting('HUB_KEEP_ALIVE_MS', SERVER_KEEP_ALIVE_MS),
  // Above the gateway's pool to each subgraph (256 sockets), so the gateway is never refused.
  maxConnectionsPerClient: numberSetting('HUB_MAX_CONNECTIONS_PER_CLIENT', 512),
});

/** How often Node checks headers and request time-outs (its default, 30 s, would let a 10 s limit run to 40 s). */
export const checkingIntervalMs = (l: SlowClientLimits) => Math.max(50, Math.min(1000, Math.floor(Math.min(l.headersTimeoutMs || 1000, l.requestTimeoutMs || 1000) / 4)));

const tooMany = refuse('TOO_MANY_CONNECTIONS');
const TOO_MANY = JSON.stringify({ errors: [{ message: tooMany.messageIn('en'), extensions: tooMany.extensionsIn('en') }] });

/** Applies the limits to a server: Node's own time-outs, and a count of connections per client address. */
export function guardServer(server: http.Server, l: SlowClientLimits): void {
  server.headersTimeout = l.headersTimeoutMs;
  server.requestTimeout = l.requestTimeoutMs;
  server.keepAliveTimeout = l.keepAliveMs;
  // An idle socket mid-request or mid-answer (a client that stopped reading a download, say) is closed.
  server.timeout = l.socketIdleMs;
  if (!l.maxConnectionsPerClient) return;
  const open = new Map<string, number>();
  server.on('connection', (socket: net.Socket) => {
    const client = socket.remoteAddress ?? '';
    const n = (open.get(client) ?? 0) + 1;
    if (n > l.maxConnectionsPerClient) {
      // Answered without reading the request: the client learns why, and the socket is freed at once.
      socket.end(`HTTP/1.1 503 Service Unavailable\r\nConnection: close\r\nRetry-After: 5\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(TOO_MANY)}\r\n\r\n${TOO_MANY}`);
      socket.destroySoon();
      return;
    }
    open.set(client, n);
    socket.once('close', () => {
      const left = (open.get(client) ?? 1) - 1;
      if (left) open.set(client, left);
      else open.delete(client);
    });
  });
}

/**
 * Report downloads hold a database connection while they stream, so they are few at once
 * (HUB_MAX_DOWNLOADS) and one staff member holds at most HUB_MAX_DOWNLOADS_PER_STAFF of them: slow
 * readers cannot take every slot, and one that stops reading is cut off after HUB_SOCKET_IDLE_MS.
 */
export class DownloadSlots {
  private total = 0;
  private readonly byStaff = new Map<string, number>();
  constructor(
    readonly max = numberSetting('HUB_MAX_DOWNLOADS', 4),
    readonly perStaff = numberSetting('HUB_MAX_DOWNLOADS_PER_STAFF', 2),
  ) {}

  /** A slot for this staff member, or why there is none; release it once, when the download ends. */
  take(staff: string): { release(): void } | 'BUSY' | 'YOURS_BUSY' {
    const mine = this.byStaff.get(staff) ?? 0;
    if (mine >= this.perStaff) return 'YOURS_BUSY';
    if (this.total >= this.max) return 'BUSY';
    this.total++;
    this.byStaff.set(staff, mine + 1);
    let released = false;
    return {
      release: () => {
        if (released) return;
        released = true;
        this.total--;
        const left = (this.byStaff.get(staff) ?? 1) - 1;
        if (left) this.byStaff.set(staff, left);
        else this.byStaff.delete(staff);
      },
    };
  }
}
