import { MikroORM } from '@mikro-orm/core';
import { ormOptions } from '../../lib/db';
import { PLATFORM_ENTITIES } from '../../lib/service';
import { SERVICES } from '../../services/registry';
import { SERVICE_NAMES } from '../../lib/config';
import { startHub, type TestHub } from '../support/hub';

let hub: TestHub;
beforeAll(async () => {
  hub = await startHub();
});
afterAll(() => hub?.stop());

describe('migrations', () => {
  it.each(SERVICE_NAMES)('%s: the migrated database has every table and column its entities use', async (name) => {
    const def = SERVICES[name];
    const orm = await MikroORM.init(ormOptions({ databaseUrl: hub.databaseUrl(name), entities: [...PLATFORM_ENTITIES, ...def.entities], migrations: def.migrations }));
    try {
      const diff = await orm.schema.getUpdateSchemaSQL({ wrap: false, safe: true });
      // Constraints and indexes the migrations add beyond the entities are expected; missing
      // tables or columns are not.
      expect(diff.split('\n').filter((l) => /create table|add column|alter column .* type (?!text using)/i.test(l))).toEqual([]);
      // Applying them again is a no-op.
      expect(await orm.getMigrator().getPendingMigrations()).toEqual([]);
    } finally {
      await orm.close(true);
    }
  });

  it('keeps the audit trail append-only in the database itself', async () => {
    await expect(hub.sql('union', 'delete from audit_entry')).resolves.toEqual([]);
    await hub.sql('leads', `insert into audit_entry (at, actor_id, actor_agency, entity_type, entity_id, action, data) values (now(), 'a', 'UNION', 'Lead', 'x', 'TEST', '{}')`);
    await expect(hub.sql('leads', 'delete from audit_entry')).rejects.toThrow(/append-only/);
    await expect(hub.sql('leads', `update audit_entry set action = 'CHANGED'`)).rejects.toThrow(/append-only/);
  });
});
