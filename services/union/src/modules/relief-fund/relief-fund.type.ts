import { Field, ID, InputType, Int, ObjectType } from 'type-graphql';
import { MoneyScalar } from '../../../../../lib/scalars';
import { formatFen } from '../../../../../lib/money';
import type { FundMovementRecord, ReliefFundRecord, WageAdvanceRecord } from './relief-fund.entity';

@ObjectType({ description: "A region's emergency wage relief fund (应急救助周转金)." })
export class ReliefFund {
  @Field()
  regionCode!: string;

  @Field(() => MoneyScalar)
  balance!: string;

  @Field(() => MoneyScalar, { description: 'Everything ever advanced from the fund.' })
  advancedTotal!: string;

  @Field(() => MoneyScalar, { description: 'Everything ever recovered into the fund.' })
  recoveredTotal!: string;
}

export const toReliefFund = (r: ReliefFundRecord): ReliefFund =>
  Object.assign(new ReliefFund(), {
    regionCode: r.regionCode,
    balance: formatFen(r.balanceFen),
    advancedTotal: formatFen(r.advancedTotalFen),
    recoveredTotal: formatFen(r.recoveredTotalFen),
  });

@ObjectType({ description: 'One movement of a relief fund: DEPOSIT, ADVANCE or RECOVERY.' })
export class FundMovement {
  @Field({ description: 'When it was entered in the ledger.' })
  at!: Date;

  @Field({ description: 'When the money moved.' })
  occurredAt!: Date;

  @Field({ description: 'When it was entered in the hub (the same as at).' })
  recordedAt!: Date;

  @Field()
  kind!: string;

  @Field(() => MoneyScalar)
  amount!: string;

  @Field(() => MoneyScalar)
  balanceAfter!: string;

  @Field(() => ID, { nullable: true })
  leadId!: string | null;

  @Field(() => ID, { nullable: true })
  advanceId!: string | null;

  @Field({ description: 'Staff id of whoever made it.' })
  actor!: string;

  @Field()
  note!: string;
}

export const toFundMovement = (r: FundMovementRecord): FundMovement =>
  Object.assign(new FundMovement(), {
    at: r.at,
    occurredAt: r.occurredAt ?? r.at,
    recordedAt: r.at,
    kind: r.kind,
    amount: formatFen(r.amountFen),
    balanceAfter: formatFen(r.balanceAfterFen),
    leadId: r.leadId ?? null,
    advanceId: r.advanceId ?? null,
    actor: r.actor,
    note: r.note,
  });

@ObjectType({ description: 'An emergency wage advance (垫付) under a recovery agreement.' })
export class WageAdvance {
  @Field(() => ID)
  id!: string;

  @Field(() => MoneyScalar)
  amount!: string;

  @Field(() => Int)
  workerCount!: number;

  @Field({ description: '追偿委托协议 number.' })
  recoveryAgreementNo!: string;

  @Field()
  fundRegionCode!: string;

  @Field({ description: 'When the advance was paid out.' })
  grantedAt!: Date;

  @Field({ description: 'When it was paid out (the same as grantedAt).' })
  occurredAt!: Date;

  @Field({ description: 'When it was entered in the hub.' })
  recordedAt!: Date;

  @Field(() => MoneyScalar)
  recovered!: string;

  @Field(() => MoneyScalar)
  outstanding!: string;
}

export const toWageAdvance = (r: WageAdvanceRecord): WageAdvance =>
  Object.assign(new WageAdvance(), {
    id: r.id,
    amount: formatFen(r.amountFen),
    workerCount: r.workerCount,
    recoveryAgreementNo: r.recoveryAgreementNo,
    fundRegionCode: r.fundRegionCode,
    grantedAt: r.grantedAt,
    occurredAt: r.grantedAt,
    recordedAt: r.recordedAt,
    recovered: formatFen(r.recoveredFen),
    outstanding: formatFen(BigInt(r.amountFen) - BigInt(r.recoveredFen)),
  });

@InputType()
export class WageAdvanceInput {
  @Field(() => MoneyScalar)
  amount!: string;

  @Field(() => Int)
  workerCount!: number;

  @Field()
  recoveryAgreementNo!: string;

  @Field({ description: 'The relief fund to draw from: a region in your jurisdiction.' })
  fundRegionCode!: string;

  @Field(() => Date, { nullable: true, description: 'When the advance was paid out, if not now: not in the future, not before the lead was received.' })
  occurredAt?: Date | null;
}
