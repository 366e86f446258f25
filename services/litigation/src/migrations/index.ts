import type { MigrationObject } from '@mikro-orm/core';
import { Migration20261123000000 } from './Migration20261123000000';

export const migrations: MigrationObject[] = [{ name: 'Migration20261123000000', class: Migration20261123000000 }];
