import { Directive, Field, Int, ObjectType } from 'type-graphql';
import { ClosureReasonEnum } from './enums';
import { MoneyScalar } from '../scalars';
import { formatFen } from '../money';
import type { ClosureReason } from '../domain/enums';
import type { AgencyStatesRecord } from '../agency-case/agency-states.entity';

/** How and by whom an agency closed its case (结案). */
@ObjectType()
@Directive('@shareable')
export class Closure {
  @Field(() => ClosureReasonEnum)
  reason!: ClosureReason;

  @Field(() => MoneyScalar, { description: 'Everything recovered: wagesRecovered + compensationRecovered.' })
  amountRecovered!: string;

  @Field(() => MoneyScalar, { description: 'The wages among it (at most the amount owed).' })
  wagesRecovered!: string;

  @Field(() => MoneyScalar, { description: 'The compensation among it (加付赔偿金, 劳动保障监察条例 Article 26; at most the amount owed).' })
  compensationRecovered!: string;

  @Field(() => Int)
  workersPaid!: number;

  @Field()
  note!: string;

  @Field()
  closedAt!: Date;

  @Field({ description: 'Staff id of whoever closed it.' })
  closedBy!: string;
}

@ObjectType()
@Directive('@shareable')
export class PageInfo {
  @Field()
  hasNextPage!: boolean;

  @Field(() => String, { nullable: true })
  endCursor!: string | null;
}

/** The closure of a closed case, or null while it is open. */
export function toClosure(r: AgencyStatesRecord<string>): Closure | null {
  if (r.closureState !== 'CLOSED' || !r.closureReason) return null;
  return Object.assign(new Closure(), {
    reason: r.closureReason,
    amountRecovered: formatFen(r.amountRecoveredFen ?? '0'),
    wagesRecovered: formatFen(BigInt(r.amountRecoveredFen ?? '0') - BigInt(r.compensationRecoveredFen ?? '0')),
    compensationRecovered: formatFen(r.compensationRecoveredFen ?? '0'),
    workersPaid: r.workersPaid ?? 0,
    note: r.closureNote ?? '',
    closedAt: r.closedAt!,
    closedBy: r.closedBy ?? '',
  });
}
