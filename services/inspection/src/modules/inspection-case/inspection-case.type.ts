import { ObjectType } from 'type-graphql';
import { AgencyCaseFields, agencyCaseFields, createLeadReference } from '../../../../../lib/agency-case/agency-case.type';
import type { InspectionCaseRecord } from './inspection-case.entity';

export const Lead = createLeadReference();

@ObjectType({ description: "Labour inspection's own case on a lead." })
export class InspectionCase extends AgencyCaseFields {}

export const toInspectionCase = (r: InspectionCaseRecord): InspectionCase => Object.assign(new InspectionCase(), agencyCaseFields(r));
