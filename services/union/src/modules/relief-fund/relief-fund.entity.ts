import { Entity, Index, OptionalProps, PrimaryKey, Property } from '@mikro-orm/core';
import { randomUUID } from 'node:crypto';

/** A region's emergency wage relief fund (应急救助周转金). Its row is locked for every movement. */
@Entity({ tableName: 'relief_fund' })
export class ReliefFundRecord {
  [OptionalProps]?: 'version';

  @PrimaryKey({ type: 'text' })
  regionCode!: string;

  @Property({ type: 'bigint', columnType: 'bigint' })
  balanceFen!: string;

  @Property({ type: 'bigint', columnType: 'bigint' })
  advancedTotalFen!: string;

  @Property({ type: 'bigint', columnType: 'bigint' })
  recoveredTotalFen!: string;

  @Property({ type: 'integer', version: true })
  version!: number;
}

/** The fund's ledger: every deposit, advance and recovery, with the balance after it. */
@Entity({ tableName: 'fund_movement' })
@Index({ name: 'fund_movement_region_idx', properties: ['regionCode', 'id'] })
export class FundMovementRecord {
  [OptionalProps]?: 'id';

  @PrimaryKey({ type: 'bigint', autoincrement: true })
  id!: string;

  @Property({ type: 'text' })
  regionCode!: string;

  /** When it was entered in the ledger (its order); `occurredAt` is when the money moved. */
  @Property({ type: 'timestamptz' })
  at!: Date;

  /** Null on movements entered before it was kept: they moved when entered. */
  @Property({ type: 'timestamptz', nullable: true })
  occurredAt?: Date | null;

  /** DEPOSIT, ADVANCE or RECOVERY. */
  @Property({ type: 'text' })
  kind!: string;

  @Property({ type: 'bigint', columnType: 'bigint' })
  amountFen!: string;

  @Property({ type: 'bigint', columnType: 'bigint' })
  balanceAfterFen!: string;

  @Property({ type: 'uuid', nullable: true })
  leadId?: string | null;

  @Property({ type: 'uuid', nullable: true })
  advanceId?: string | null;

  @Property({ type: 'text' })
  actor!: string;

  @Property({ type: 'text' })
  note!: string;
}

/** An emergency wage advance (垫付) to workers on a lead, under a recovery agreement (追偿委托协议). */
@Entity({ tableName: 'wage_advance' })
export class WageAdvanceRecord {
  [OptionalProps]?: 'id' | 'version';

  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @Property({ type: 'uuid' })
  @Index()
  leadId!: string;

  @Property({ type: 'text' })
  fundRegionCode!: string;

  @Property({ type: 'bigint', columnType: 'bigint' })
  amountFen!: string;

  @Property({ type: 'integer' })
  workerCount!: number;

  @Property({ type: 'text' })
  recoveryAgreementNo!: string;

  /** When the advance was paid out (the act's time); `recordedAt` is when it was entered. */
  @Property({ type: 'timestamptz' })
  grantedAt!: Date;

  @Property({ type: 'timestamptz' })
  recordedAt!: Date;

  @Property({ type: 'text' })
  grantedBy!: string;

  @Property({ type: 'bigint', columnType: 'bigint' })
  recoveredFen!: string;

  @Property({ type: 'integer', version: true })
  version!: number;
}
