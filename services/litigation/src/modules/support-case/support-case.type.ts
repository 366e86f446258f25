import { Field, InputType, Int, ObjectType } from 'type-graphql';
import { AgencyCaseFields, agencyCaseFields, createLeadReference } from '../../../../../lib/agency-case/agency-case.type';
import { ClosureStateEnum } from '../../../../../lib/graphql/enums';
import { PageInfo } from '../../../../../lib/graphql/types';
import type { ClosureState } from '../../../../../lib/domain/enums';
import type { SupportCaseRecord } from './support-case.entity';

export const Lead = createLeadReference();

@ObjectType({ description: "The procuratorate's support-to-sue case on a lead (民事支持起诉), with the lawsuit it supports." })
export class SupportCase extends AgencyCaseFields {
  record!: SupportCaseRecord;
}

export const toSupportCase = (r: SupportCaseRecord): SupportCase => Object.assign(new SupportCase(), agencyCaseFields(r), { record: r });

@InputType({ description: "Filters on lawsuits; closureState is the caller's own agency's (the procuratorate's support case, or the court's case)." })
export class SupportCaseFilter {
  @Field(() => ClosureStateEnum, { nullable: true })
  closureState?: ClosureState | null;

  @Field(() => Boolean, { nullable: true, description: 'Has an installment past its due day (Asia/Shanghai) and not paid in full.' })
  hasOverdueInstallments?: boolean | null;

  @Field(() => Int, { nullable: true, description: 'Has a hearing from today to N days ahead (Asia/Shanghai).' })
  hearingWithinDays?: number | null;
}

@ObjectType()
export class SupportCaseEdge {
  @Field()
  cursor!: string;

  @Field(() => SupportCase)
  node!: SupportCase;
}

@ObjectType()
export class SupportCaseConnection {
  @Field(() => [SupportCaseEdge])
  edges!: SupportCaseEdge[];

  @Field(() => PageInfo)
  pageInfo!: PageInfo;

  @Field(() => Int)
  totalCount!: number;
}
