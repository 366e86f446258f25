import { serviceDatabaseUrl, servicePort } from './config';
import { runUntilSignalled } from './main';
import { startService, type ServiceDefinition } from './service';

/** One subgraph on its own, configured from the environment (see README "Run one service alone"). */
export function runServiceAlone<L>(def: ServiceDefinition<L>): void {
  void runUntilSignalled(`${def.name} subgraph`, () =>
    startService(def, { databaseUrl: serviceDatabaseUrl(def.name), port: servicePort(def.name), host: process.env.HOST ?? '127.0.0.1' }),
  );
}
