import { ObjectType } from 'type-graphql';
import { AgencyCaseFields, agencyCaseFields, createLeadReference } from '../../../../../lib/agency-case/agency-case.type';
import type { InspectionCaseRecord } from './inspection-case.entity';
import type { InspectionCaseNow } from '../casework/inspection.rules';

export const Lead = createLeadReference();

@ObjectType({ description: "Labour inspection's own case on a lead." })
export class InspectionCase extends AgencyCaseFields {
  /** The case as the deadline rules read it. */
  facts!: InspectionCaseNow;

  record!: InspectionCaseRecord;
}

export const toInspectionCase = (r: InspectionCaseRecord): InspectionCase =>
  Object.assign(new InspectionCase(), agencyCaseFields(r), {
    record: r,
    facts: { transferState: r.transferState, closureState: r.closureState, openedAt: r.openedAt, arrivedAt: r.arrivedAt ?? null, firstContactAt: r.firstContactAt ?? null },
  });
