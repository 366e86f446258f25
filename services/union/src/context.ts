import type { EntityManager } from '@mikro-orm/postgresql';
import type { HubContext } from '../../../lib/context';
import { caseLoader } from '../../../lib/agency-case/agency-case.resolver';
import { UnionCaseRecord } from './modules/union-case/union-case.entity';

export const createUnionLoaders = (em: EntityManager) => ({ unionCases: caseLoader(em, UnionCaseRecord) });
export type UnionLoaders = ReturnType<typeof createUnionLoaders>;
export type UnionContext = HubContext<UnionLoaders>;
