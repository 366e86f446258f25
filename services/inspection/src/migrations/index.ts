import type { MigrationObject } from '@mikro-orm/core';
import { Migration20261202173500 } from './Migration20261202173500';
import { Migration20261202183000 } from './Migration20261202183000';
import { Migration20261123040000 } from './Migration20261123040000';
import { Migration20261123050000 } from './Migration20261123050000';
import { Migration20261123060000 } from './Migration20261123060000';
import { Migration20261123000000 } from './Migration20261123000000';
import { Migration20261123010000 } from './Migration20261123010000';
import { Migration20261123020000 } from './Migration20261123020000';
import { Migration20261123080000 } from './Migration20261123080000';
import { Migration20261202184500 } from './Migration20261202184500';
import { Migration20261202191500 } from './Migration20261202191500';
import { Migration20261203071341 } from './Migration20261203071341';
import { Migration20261203125910 } from './Migration20261203125910';
import { Migration20261203130021 } from './Migration20261203130021';
import { Migration20261203170817 } from './Migration20261203170817';
import { Migration20261203171249 } from './Migration20261203171249';

export const migrations: MigrationObject[] = [
  { name: 'Migration20261123000000', class: Migration20261123000000 },
  { name: 'Migration20261123010000', class: Migration20261123010000 },
  { name: 'Migration20261123020000', class: Migration20261123020000 },
  { name: 'Migration20261123040000', class: Migration20261123040000 },
  { name: 'Migration20261123050000', class: Migration20261123050000 },
  { name: 'Migration20261123060000', class: Migration20261123060000 },
  { name: 'Migration20261123080000', class: Migration20261123080000 },
  { name: 'Migration20261202173500', class: Migration20261202173500 },
  { name: 'Migration20261202183000', class: Migration20261202183000 },
  { name: 'Migration20261202184500', class: Migration20261202184500 },
  { name: 'Migration20261202191500', class: Migration20261202191500 },
  { name: 'Migration20261203071341', class: Migration20261203071341 },
  { name: 'Migration20261203125910', class: Migration20261203125910 },
  { name: 'Migration20261203130021', class: Migration20261203130021 },
  { name: 'Migration20261203170817', class: Migration20261203170817 },
  { name: 'Migration20261203171249', class: Migration20261203171249 },
];
