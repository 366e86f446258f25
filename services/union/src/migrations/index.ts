import type { MigrationObject } from '@mikro-orm/core';
import { Migration20261202173500 } from './Migration20261202173500';
import { Migration20261202183000 } from './Migration20261202183000';
import { Migration20261123040000 } from './Migration20261123040000';
import { Migration20261123000000 } from './Migration20261123000000';
import { Migration20261123010000 } from './Migration20261123010000';
import { Migration20261123020000 } from './Migration20261123020000';
import { Migration20261123030000 } from './Migration20261123030000';
import { Migration20261123080000 } from './Migration20261123080000';
import { Migration20261202184500 } from './Migration20261202184500';
import { Migration20261202191500 } from './Migration20261202191500';
import { Migration20261203071342 } from './Migration20261203071342';
import { Migration20261203171249 } from './Migration20261203171249';

export const migrations: MigrationObject[] = [
  { name: 'Migration20261123000000', class: Migration20261123000000 },
  { name: 'Migration20261123010000', class: Migration20261123010000 },
  { name: 'Migration20261123020000', class: Migration20261123020000 },
  { name: 'Migration20261123030000', class: Migration20261123030000 },
  { name: 'Migration20261123040000', class: Migration20261123040000 },
  { name: 'Migration20261123080000', class: Migration20261123080000 },
  { name: 'Migration20261202173500', class: Migration20261202173500 },
  { name: 'Migration20261202183000', class: Migration20261202183000 },
  { name: 'Migration20261202184500', class: Migration20261202184500 },
  { name: 'Migration20261202191500', class: Migration20261202191500 },
  { name: 'Migration20261203071342', class: Migration20261203071342 },
  { name: 'Migration20261203171249', class: Migration20261203171249 },
];
