import 'reflect-metadata';
import fs from 'node:fs';
import path from 'node:path';
import { SERVICE_NAMES, serviceBaseUrl, servicePort } from '../../lib/config';
import { runUntilSignalled } from '../../lib/main';
import { startGateway } from './gateway';

/** The supergraph checked in at schema/, unless HUB_SUPERGRAPH points elsewhere. */
export function readSupergraph(): string {
  const file = process.env.HUB_SUPERGRAPH ?? path.resolve(__dirname, '..', '..', '..', 'schema', 'supergraph.graphql');
  return fs.readFileSync(file, 'utf8');
}

if (require.main === module) {
  void runUntilSignalled('gateway', () =>
    startGateway({
      supergraphSdl: readSupergraph(),
      serviceUrls: Object.fromEntries(SERVICE_NAMES.map((n) => [n, serviceBaseUrl(n)])),
      port: servicePort('gateway'),
      host: process.env.HOST ?? '127.0.0.1',
    }),
  );
}
