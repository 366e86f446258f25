import type { EntityManager } from '@mikro-orm/postgresql';
import type { HubContext } from '../../../lib/context';
import { caseLoader } from '../../../lib/agency-case/agency-case.resolver';
import { InspectionCaseRecord } from './modules/inspection-case/inspection-case.entity';

export const createInspectionLoaders = (em: EntityManager) => ({ inspectionCases: caseLoader(em, InspectionCaseRecord) });
export type InspectionLoaders = ReturnType<typeof createInspectionLoaders>;
export type InspectionContext = HubContext<InspectionLoaders>;
