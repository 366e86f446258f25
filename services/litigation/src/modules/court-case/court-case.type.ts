import { ObjectType } from 'type-graphql';
import { AgencyCaseFields, agencyCaseFields } from '../../../../../lib/agency-case/agency-case.type';
import type { CourtCaseRecord } from './court-case.entity';

@ObjectType({ description: "The court's own case on a lead (立案 onwards), taken on by accepting a COURT_FILING transfer." })
export class CourtCase extends AgencyCaseFields {}

export const toCourtCase = (r: CourtCaseRecord): CourtCase => Object.assign(new CourtCase(), agencyCaseFields(r));
