import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { startGateway } from '../../gateway/src/gateway';
import { startService } from '../../lib/service';
import { DownloadSlots } from '../../lib/slow-clients';
import { SERVICES } from '../../services/registry';
import { MESSAGES_PATH } from '../../lib/outbox/message';
import { testDatabasePrefix } from '../support/hub';

/**
 * Slow clients (issue 17): slow headers held a connection 66 s, slow bodies Node's default 300 s,
 * and a client could hold any number of connections. With the limits set from the environment,
 * the gateway and every subgraph close such connections, and one address holds at most
 * HUB_MAX_CONNECTIONS_PER_CLIENT. Real sockets on loopback; each wait ends when the server closes
 * the connection (a server that never did would fail the test by its time-out).
 */
const LIMITS = {
  HUB_HEADERS_TIMEOUT_MS: '1000',
  HUB_REQUEST_TIMEOUT_MS: '1500',
  HUB_SOCKET_IDLE_MS: '1500',
  HUB_KEEP_ALIVE_MS: '500',
  HUB_MAX_CONNECTIONS_PER_CLIENT: '3',
};

async function withLimits<T>(start: () => Promise<T>): Promise<T> {
  const saved = Object.fromEntries(Object.keys(LIMITS).map((k) => [k, process.env[k]]));
  Object.assign(process.env, LIMITS);
  try {
    return await start();
  } finally {
    for (const [k, v] of Object.entries(saved)) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
  }
}

interface Raw {
  socket: net.Socket;
  /** Everything the server sent, once it has closed the connection. */
  closed: Promise<string>;
  received(): string;
}

function connect(port: number): Promise<Raw> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(port, '127.0.0.1');
    let text = '';
    socket.setEncoding('utf8');
    socket.on('data', (d: string) => (text += d));
    const closed = new Promise<string>((done) => socket.once('close', () => done(text)));
    socket.once('error', () => undefined);
    socket.once('connect', () => resolve({ socket, closed, received: () => text }));
    socket.once('error', reject);
  });
}

const status = (text: string) => /^HTTP\/1\.1 (\d{3})/.exec(text)?.[1];

const supergraphSdl = fs.readFileSync(path.resolve(__dirname, '..', '..', 'schema', 'supergraph.graphql'), 'utf8');
const databaseUrl = () => {
  const u = new URL(process.env.TEST_DATABASE_URL!);
  u.pathname = `/${testDatabasePrefix()}leads`;
  return u.toString();
};

describe.each([
  // A path whose handler reads the body: the GraphQL endpoint, and a subgraph's message receiver.
  ['the gateway', () => startGateway({ supergraphSdl }), '/graphql'],
  ['a subgraph', () => startService(SERVICES.leads, { databaseUrl: databaseUrl() }), MESSAGES_PATH],
])('%s', (_name, start, bodyPath) => {
  let server: { port: number; stop(): Promise<void> };
  beforeAll(async () => {
    server = await withLimits(start);
  });
  afterAll(() => server?.stop());

  it('closes a connection whose headers do not arrive in time (408)', async () => {
    const c = await connect(server.port);
    c.socket.write('GET /health HTTP/1.1\r\nHost: hub\r\nX-Slow: ');
    const text = await c.closed;
    expect(text === '' || status(text) === '408').toBe(true);
  });

  it('closes a connection whose body does not arrive in time (408)', async () => {
    const c = await connect(server.port);
    c.socket.write(`POST ${bodyPath} HTTP/1.1\r\nHost: hub\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n{"query": "`);
    const text = await c.closed;
    expect(text === '' || status(text) === '408').toBe(true);
  });

  it('closes a kept-alive connection left idle after its answer', async () => {
    const c = await connect(server.port);
    c.socket.write('GET /no-such-page HTTP/1.1\r\nHost: hub\r\nConnection: keep-alive\r\n\r\n');
    const text = await c.closed;
    expect(status(text)).toMatch(/^4\d\d$/);
    expect(text).toMatch(/keep-alive/i);
  });

  it('holds at most HUB_MAX_CONNECTIONS_PER_CLIENT connections from one address, answering the next 503', async () => {
    const held = [await connect(server.port), await connect(server.port), await connect(server.port)];
    const extra = await connect(server.port);
    const refused = await extra.closed;
    expect(status(refused)).toBe('503');
    expect(refused).toContain('TOO_MANY_CONNECTIONS');
    // Once one is closed, another is served.
    held[0].socket.destroy();
    await held[0].closed;
    const next = await connect(server.port);
    next.socket.write('GET /no-such-page HTTP/1.1\r\nHost: hub\r\nConnection: close\r\n\r\n');
    expect(status(await next.closed)).toMatch(/^4\d\d$/);
    for (const h of held.slice(1)) h.socket.destroy();
  });
});

describe('report download slots', () => {
  it('give one staff member at most their share, so slow readers cannot take every slot', () => {
    const slots = new DownloadSlots(4, 2);
    const a1 = slots.take('a');
    const a2 = slots.take('a');
    expect(slots.take('a')).toBe('YOURS_BUSY');
    const b1 = slots.take('b');
    const c1 = slots.take('c');
    expect([a1, a2, b1, c1].every((s) => typeof s === 'object')).toBe(true);
    expect(slots.take('d')).toBe('BUSY');
    // A slot comes back once, however often its download reports its end.
    (a1 as { release(): void }).release();
    (a1 as { release(): void }).release();
    expect(typeof slots.take('d')).toBe('object');
    expect(slots.take('e')).toBe('BUSY');
  });
});
