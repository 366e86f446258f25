import { Field, ObjectType } from 'type-graphql';
import { AgencyCaseFields, agencyCaseFields, createLeadReference } from '../../../../../lib/agency-case/agency-case.type';
import type { UnionCaseRecord } from './union-case.entity';

export const Lead = createLeadReference();

@ObjectType({ description: "The union's own case on a lead." })
export class UnionCase extends AgencyCaseFields {
  @Field({ description: 'First-contact handler (首问负责人): staff id of whoever took the complaint.' })
  handler!: string;
}

export const toUnionCase = (r: UnionCaseRecord): UnionCase => Object.assign(new UnionCase(), agencyCaseFields(r), { handler: r.handler });
