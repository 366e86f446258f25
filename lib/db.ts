import { Client } from 'pg';
import { MikroORM, ReflectMetadataProvider, type EntityClass, type Options } from '@mikro-orm/core';
import { PostgreSqlDriver } from '@mikro-orm/postgresql';
import { Migrator } from '@mikro-orm/migrations';
import type { MigrationObject } from '@mikro-orm/core';

export type Orm = MikroORM<PostgreSqlDriver>;

/** Creates the service's database on the server when it is missing (needs CREATEDB). */
export async function ensureDatabase(databaseUrl: string): Promise<void> {
  const url = new URL(databaseUrl);
  const name = decodeURIComponent(url.pathname.slice(1));
  if (!/^[A-Za-z0-9_]+$/.test(name)) throw new Error(`Unsupported database name "${name}": use letters, digits and _.`);
  url.pathname = '/postgres';
  const client = new Client({ connectionString: url.toString() });
  await client.connect();
  try {
    const { rowCount } = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (!rowCount) {
      try {
        await client.query(`CREATE DATABASE "${name}"`);
      } catch (e) {
        // Another instance created it at the same moment: that is fine.
        if ((e as { code?: string }).code !== '42P04' && (e as { code?: string }).code !== '23505') throw e;
      }
    }
  } finally {
    await client.end();
  }
}

export interface OrmSettings {
  databaseUrl: string;
  entities: EntityClass<unknown>[];
  migrations: MigrationObject[];
  poolMax?: number;
}

export function ormOptions(s: OrmSettings): Options<PostgreSqlDriver> {
  return {
    driver: PostgreSqlDriver,
    clientUrl: s.databaseUrl,
    entities: s.entities,
    metadataProvider: ReflectMetadataProvider,
    discovery: { disableDynamicFileAccess: true, requireEntitiesArray: true },
    extensions: [Migrator],
    migrations: {
      migrationsList: s.migrations,
      transactional: true,
      allOrNothing: true,
      snapshot: false,
      silent: true,
    },
    pool: { min: 0, max: s.poolMax ?? 10 },
    forceUtcTimezone: true,
    allowGlobalContext: false,
    debug: false,
    // A service refuses to start rather than run on a schema its code does not match.
    ensureDatabase: false,
  };
}

/** Connects, then applies this service's pending migrations (idempotent, safe to run at every start). */
export async function openDatabase(s: OrmSettings): Promise<Orm> {
  await ensureDatabase(s.databaseUrl);
  const orm = await MikroORM.init(ormOptions(s));
  // Replicas of a service start together: one migrates while the others wait for it.
  const lock = new Client({ connectionString: s.databaseUrl });
  await lock.connect();
  try {
    await lock.query("select pg_advisory_lock(hashtext('hub:migrations'))");
    await orm.getMigrator().up();
  } finally {
    await lock.query("select pg_advisory_unlock(hashtext('hub:migrations'))").catch(() => undefined);
    await lock.end();
  }
  return orm;
}
