/**
 * npm start, and the image's all-in-one entry point (node dist/scripts/start.js): the whole hub in
 * one process. Without DATABASE_URL it runs an embedded PostgreSQL with its data in HUB_DATA_DIR
 * (default .data/), kept between runs. Then every subgraph (each migrating its own database) and
 * the gateway on PORT (default 4000). HUB_TOPOLOGY=in-process (default) has the gateway call the
 * subgraphs as functions; =http over signed HTTP on loopback, as separate processes do.
 */
import 'reflect-metadata';
import path from 'node:path';
import { DEVELOPMENT_JWT_SECRET, SERVICE_NAMES, hubTopology, jwtSecret, servicePort, serviceDatabaseUrl } from '../lib/config';
import { startEmbeddedPostgres, type EmbeddedPg } from '../lib/embedded-pg';
import { startService, type RunningService } from '../lib/service';
import { runUntilSignalled } from '../lib/main';
import { logger } from '../lib/logger';
import { SERVICES } from '../services/registry';
import { startGateway } from '../gateway/src/gateway';
import { readSupergraph } from '../gateway/src/main';

async function start() {
  jwtSecret(); // refuse the development secret in production before anything starts
  const topology = hubTopology();
  const root = path.resolve(__dirname, '..', '..');
  let pg: EmbeddedPg | undefined;
  let serverUrl = process.env.DATABASE_URL;
  if (!serverUrl) {
    const dataDir = path.resolve(root, process.env.HUB_DATA_DIR ?? '.data', 'postgres');
    logger.info({ dataDir }, 'starting embedded PostgreSQL');
    pg = await startEmbeddedPostgres({ dataDir, port: Number(process.env.HUB_PG_PORT ?? 5433) });
    serverUrl = pg.url;
  }
  const services: RunningService[] = [];
  const stopAll = async () => {
    await Promise.allSettled(services.map((s) => s.stop()));
    await pg?.stop();
  };
  try {
    const host = process.env.HOST ?? '127.0.0.1';
    // In process, the subgraphs' own servers carry only outbox messages and the file routes, all
    // from this process: they stay on loopback whatever HOST the gateway listens on.
    const servicesHost = topology === 'in-process' ? '127.0.0.1' : host;
    for (const name of SERVICE_NAMES) {
      services.push(await startService(SERVICES[name], { databaseUrl: serviceDatabaseUrl(name, serverUrl), port: servicePort(name), host: servicesHost }));
    }
    const gateway = await startGateway({
      supergraphSdl: readSupergraph(),
      serviceUrls: Object.fromEntries(services.map((s) => [s.name, s.url])),
      inProcess: topology === 'in-process' ? Object.fromEntries(services.map((s) => [s.name, s.inProcess])) : undefined,
      port: servicePort('gateway'),
      host,
    });
    const dev = jwtSecret() === DEVELOPMENT_JWT_SECRET;
    console.log(
      [
        '',
        `  Wage-arrears lead hub is up: http://localhost:${gateway.port}/graphql  (health: /health; subgraphs ${topology === 'in-process' ? 'in process' : 'over HTTP'})`,
        `  Staff console (工作台): http://localhost:${gateway.port}/console`,
        dev ? '  Get a token:  npm run token -- --agency UNION --region 140400 --roles INTAKE,HANDLER' : '',
        '  Stop with Ctrl-C.',
        '',
      ].filter((l) => l !== '').join('\n'),
    );
    return {
      async stop() {
        await gateway.stop();
        await stopAll();
      },
    };
  } catch (e) {
    await stopAll();
    throw e;
  }
}

void runUntilSignalled('hub', start);
