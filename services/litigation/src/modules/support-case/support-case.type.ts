import { ObjectType } from 'type-graphql';
import { AgencyCaseFields, agencyCaseFields, createLeadReference } from '../../../../../lib/agency-case/agency-case.type';
import type { SupportCaseRecord } from './support-case.entity';

export const Lead = createLeadReference();

@ObjectType({ description: "The procuratorate's support-to-sue case on a lead." })
export class SupportCase extends AgencyCaseFields {}

export const toSupportCase = (r: SupportCaseRecord): SupportCase => Object.assign(new SupportCase(), agencyCaseFields(r));
