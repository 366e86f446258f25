import type { EntityManager } from '@mikro-orm/postgresql';
import type { HubContext } from '../../../lib/context';
import { caseLoader } from '../../../lib/agency-case/agency-case.resolver';
import { SupportCaseRecord } from './modules/support-case/support-case.entity';

export const createLitigationLoaders = (em: EntityManager) => ({ supportCases: caseLoader(em, SupportCaseRecord) });
export type LitigationLoaders = ReturnType<typeof createLitigationLoaders>;
export type LitigationContext = HubContext<LitigationLoaders>;
