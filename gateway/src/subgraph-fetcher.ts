import http from 'node:http';
import https from 'node:https';

/**
 * The gateway's calls to subgraphs, over kept-alive connections. Apollo's default fetcher
 * (make-fetch-happen) and Node's fetch cost 500–750 µs of CPU per call here; a plain request on a
 * pooled socket, wrapped in a standard Response, costs about 200–290 µs (measured with 50-entity
 * answers, see docs/performance.md). A lead page makes four or five such calls.
 */
// Idle sockets are dropped after 30 s, before the subgraphs' own 65 s (lib/http-server.ts).
const agents = {
  'http:': new http.Agent({ keepAlive: true, maxSockets: 256, timeout: 30_000 }),
  'https:': new https.Agent({ keepAlive: true, maxSockets: 256, timeout: 30_000 }),
};

export interface FetchInit {
  method?: string;
  headers?: Record<string, string>;
  body?: string;
}

export async function subgraphFetch(url: string, init: FetchInit = {}): Promise<Response> {
  try {
    return await send(url, init);
  } catch (e) {
    // A kept-alive socket the server closed just as we wrote on it: the request never arrived,
    // so sending it once more on a fresh socket cannot do anything twice (Node's documented pattern).
    if ((e as { reusedSocket?: boolean }).reusedSocket && (e as NodeJS.ErrnoException).code === 'ECONNRESET') return send(url, init);
    throw e;
  }
}

function send(url: string, init: FetchInit): Promise<Response> {
  const target = new URL(url);
  const lib = target.protocol === 'https:' ? https : http;
  return new Promise((resolve, reject) => {
    const req = lib.request(target, { method: init.method ?? 'GET', headers: init.headers, agent: agents[target.protocol as 'http:' | 'https:'] }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('error', reject);
      res.on('end', () => {
        const headers = new Headers();
        for (const [k, v] of Object.entries(res.headers)) {
          if (v === undefined) continue;
          for (const one of Array.isArray(v) ? v : [v]) headers.append(k, one);
        }
        resolve(new Response(Buffer.concat(chunks), { status: res.statusCode ?? 502, statusText: res.statusMessage, headers }));
      });
    });
    // Names the URL, as fetch errors do: the gateway tells which service is not answering from it.
    req.on('error', (e) =>
      reject(Object.assign(new Error(`request to ${url} failed, reason: ${e.message}`), { code: (e as NodeJS.ErrnoException).code, reusedSocket: req.reusedSocket })),
    );
    req.end(init.body);
  });
}
