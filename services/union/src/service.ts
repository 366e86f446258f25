import 'reflect-metadata';
import type { ServiceDefinition } from '../../../lib/service';
import { openAgencyCase } from '../../../lib/agency-case/open-case';
import { CASE_OPENED } from '../../../lib/messages';
import { UnionCaseRecord } from './modules/union-case/union-case.entity';
import { LeadUnionCaseResolver, UnionCaseLeadResolver } from './modules/union-case/union-case.resolver';
import { createUnionLoaders, type UnionLoaders } from './context';
import { migrations } from './migrations';
import { Lead, UnionCase } from './modules/union-case/union-case.type';

/** The union (工会): first contact, mediation, wage advances, legal aid. */
export const unionService: ServiceDefinition<UnionLoaders> = {
  name: 'union',
  entities: [UnionCaseRecord],
  migrations,
  resolvers: [LeadUnionCaseResolver, UnionCaseLeadResolver],
  orphanedTypes: [Lead, UnionCase],
  createLoaders: createUnionLoaders,
  messageHandlers: {
    [CASE_OPENED]: (message, ctx) => openAgencyCase(UnionCaseRecord, message, ctx),
  },
};
