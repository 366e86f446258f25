import { Entity, Index, OptionalProps, PrimaryKey, Property } from '@mikro-orm/core';
import { randomUUID } from 'node:crypto';

/**
 * The workers' lawsuit on a lead, from the court filing (立案) to the outcome and its enforcement.
 * Written by the court and by the supporting procuratorate; changes lock the support case first.
 */
@Entity({ tableName: 'lawsuit' })
export class LawsuitRecord {
  [OptionalProps]?: 'version';

  @PrimaryKey({ type: 'uuid' })
  leadId!: string;

  @Property({ type: 'text' })
  court!: string;

  @Property({ type: 'text' })
  docketNo!: string;

  @Property({ type: 'date', columnType: 'date' })
  filedOn!: string;

  @Property({ type: 'text' })
  filedBy!: string;

  /** When the filing was entered; null for filings entered before this was kept. */
  @Property({ type: 'timestamptz', nullable: true })
  filedRecordedAt?: Date | null;

  @Property({ type: 'uuid', nullable: true })
  outcomeId?: string | null;

  @Property({ type: 'text', nullable: true })
  outcomeKind?: string | null;

  @Property({ type: 'date', columnType: 'date', nullable: true })
  decidedOn?: string | null;

  @Property({ type: 'bigint', columnType: 'bigint', nullable: true })
  totalFen?: string | null;

  @Property({ type: 'timestamptz', nullable: true })
  outcomeRecordedAt?: Date | null;

  @Property({ type: 'text', nullable: true })
  outcomeRecordedBy?: string | null;

  /** 申请强制执行 once installments were missed. */
  @Property({ type: 'timestamptz', nullable: true })
  enforcementAppliedAt?: Date | null;

  @Property({ type: 'text', nullable: true })
  enforcementAppliedBy?: string | null;

  @Property({ type: 'text', nullable: true })
  enforcementNote?: string | null;

  @Property({ type: 'integer', version: true })
  version!: number;
}

/** A hearing (开庭) scheduled by the court, and what came of it. */
@Entity({ tableName: 'hearing' })
export class HearingRecord {
  [OptionalProps]?: 'id';

  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @Property({ type: 'uuid' })
  @Index()
  leadId!: string;

  @Property({ type: 'date', columnType: 'date' })
  date!: string;

  @Property({ type: 'text' })
  courtRoom!: string;

  @Property({ type: 'text' })
  note!: string;

  /** When the court scheduled it (the act's time); `scheduleRecordedAt` is when it was entered. */
  @Property({ type: 'timestamptz' })
  scheduledAt!: Date;

  @Property({ type: 'timestamptz', nullable: true })
  scheduleRecordedAt?: Date | null;

  @Property({ type: 'text' })
  scheduledBy!: string;

  @Property({ type: 'text', nullable: true })
  outcomeNote?: string | null;

  @Property({ type: 'timestamptz', nullable: true })
  outcomeRecordedAt?: Date | null;

  /** When the result was given (the act's time). */
  @Property({ type: 'timestamptz', nullable: true })
  outcomeOccurredAt?: Date | null;
}

/** One installment of the amount a court outcome orders paid (分期支付). */
@Entity({ tableName: 'installment' })
export class InstallmentRecord {
  [OptionalProps]?: 'id' | 'version';

  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @Property({ type: 'uuid' })
  @Index()
  leadId!: string;

  @Property({ type: 'integer' })
  seq!: number;

  @Property({ type: 'date', columnType: 'date' })
  dueOn!: string;

  @Property({ type: 'bigint', columnType: 'bigint' })
  amountFen!: string;

  @Property({ type: 'bigint', columnType: 'bigint' })
  paidFen!: string;

  @Property({ type: 'integer', version: true })
  version!: number;
}

/** A payment recorded against the settlement, split over the installments it paid. */
@Entity({ tableName: 'installment_payment' })
export class InstallmentPaymentRecord {
  [OptionalProps]?: 'id';

  @PrimaryKey({ type: 'bigint', autoincrement: true })
  id!: string;

  /** One payment can pay several installments: their shares have the same payment id. */
  @Property({ type: 'uuid' })
  paymentId!: string;

  @Property({ type: 'uuid' })
  @Index()
  installmentId!: string;

  @Property({ type: 'uuid' })
  leadId!: string;

  @Property({ type: 'date', columnType: 'date' })
  paidOn!: string;

  @Property({ type: 'bigint', columnType: 'bigint' })
  amountFen!: string;

  @Property({ type: 'timestamptz' })
  recordedAt!: Date;

  @Property({ type: 'text' })
  recordedBy!: string;
}

/** The employers an outcome holds jointly liable, as the court named them (连带责任). */
@Entity({ tableName: 'liable_party' })
export class LiablePartyRecord {
  @PrimaryKey({ type: 'uuid' })
  outcomeId!: string;

  @PrimaryKey({ type: 'integer' })
  position!: number;

  @Property({ type: 'uuid' })
  leadId!: string;

  @Property({ type: 'text' })
  name!: string;

  @Property({ type: 'text', nullable: true })
  creditCode?: string | null;
}
