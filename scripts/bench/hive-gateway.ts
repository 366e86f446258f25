/**
 * Hive Gateway (@graphql-hive/gateway-runtime) on our supergraph and subgraphs, for `npm run bench
 * -- --target hive` only: a comparison, not a way to run the hub. Configured like our gateway from
 * the environment (PORT, <NAME>_URL or <NAME>_PORT, HUB_INTERNAL_SECRET). It forwards the client's
 * authorization and x-request-id and signs every subgraph call as our gateway does (x-hub-gateway).
 */
import 'reflect-metadata';
import http from 'node:http';
import { createGatewayRuntime } from '@graphql-hive/gateway-runtime';
import { SERVICE_NAMES, internalSecret, serviceBaseUrl, servicePort } from '../../lib/config';
import { GATEWAY_HEADER, signGatewayCall } from '../../lib/gateway-call';
import { readSupergraph } from '../../gateway/src/main';

/** The supergraph with each subgraph's URL where this hub runs it. */
export function localSupergraph(sdl: string, urlOf: (name: string) => string): string {
  return sdl.replace(/@join__graph\(name:\s*"([^"]+)",\s*url:\s*"[^"]*"\)/g, (_m, name: string) => `@join__graph(name: "${name}", url: "${urlOf(name)}/graphql")`);
}

export function startHiveGateway(o: { supergraphSdl: string; serviceUrls: Record<string, string>; port: number; host?: string }) {
  const secret = internalSecret();
  const runtime = createGatewayRuntime({
    supergraph: localSupergraph(o.supergraphSdl, (name) => o.serviceUrls[name]),
    logging: 'error',
    landingPage: false,
    propagateHeaders: {
      fromClientToSubgraphs({ request }) {
        const authorization = request.headers.get('authorization') ?? '';
        return { authorization, 'x-request-id': request.headers.get('x-request-id'), [GATEWAY_HEADER]: signGatewayCall(secret, authorization) };
      },
    },
  });
  const server = http.createServer(runtime);
  return new Promise<{ url: string; stop(): Promise<void> }>((resolve, reject) => {
    server.once('error', reject);
    server.listen(o.port, o.host ?? '127.0.0.1', () =>
      resolve({
        url: `http://127.0.0.1:${(server.address() as { port: number }).port}`,
        async stop() {
          await new Promise((r) => server.close(r));
          await runtime.dispose();
        },
      }),
    );
  });
}

if (require.main === module) {
  const port = Number(process.env.HIVE_GATEWAY_PORT ?? servicePort('gateway') + 10);
  void startHiveGateway({ supergraphSdl: readSupergraph(), serviceUrls: Object.fromEntries(SERVICE_NAMES.map((n) => [n, serviceBaseUrl(n)])), port, host: process.env.HOST }).then(
    (g) => {
      console.log(`Hive Gateway on ${g.url}/graphql`);
      const stop = () => void g.stop().then(() => process.exit(0), () => process.exit(1));
      process.on('SIGTERM', stop);
      process.on('SIGINT', stop);
    },
    (e) => {
      console.error(`Hive Gateway failed to start: ${e instanceof Error ? e.stack : e}`);
      process.exit(1);
    },
  );
}
