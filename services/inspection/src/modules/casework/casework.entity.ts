import { Entity, Index, OptionalProps, PrimaryKey, Property } from '@mikro-orm/core';
import { randomUUID } from 'node:crypto';

/** An order to pay wages by a deadline (责令限期支付). */
@Entity({ tableName: 'payment_order' })
export class PaymentOrderRecord {
  [OptionalProps]?: 'id' | 'version';

  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @Property({ type: 'uuid' })
  @Index()
  leadId!: string;

  /** When the order was entered. */
  @Property({ type: 'timestamptz' })
  issuedAt!: Date;

  /** The day it was issued: its deadline runs from it. */
  @Property({ type: 'date', columnType: 'date' })
  issuedOn!: string;

  @Property({ type: 'text' })
  issuedBy!: string;

  @Property({ type: 'bigint', columnType: 'bigint' })
  amountFen!: string;

  @Property({ type: 'date', columnType: 'date' })
  payBy!: string;

  @Property({ type: 'bigint', columnType: 'bigint' })
  paidFen!: string;

  @Property({ type: 'integer', version: true })
  version!: number;
}

/** A payment the employer made against a payment order. */
@Entity({ tableName: 'order_payment' })
export class OrderPaymentRecord {
  [OptionalProps]?: 'id';

  @PrimaryKey({ type: 'bigint', autoincrement: true })
  id!: string;

  @Property({ type: 'uuid' })
  @Index()
  orderId!: string;

  @Property({ type: 'date', columnType: 'date' })
  paidOn!: string;

  @Property({ type: 'bigint', columnType: 'bigint' })
  amountFen!: string;

  @Property({ type: 'timestamptz' })
  recordedAt!: Date;

  @Property({ type: 'text' })
  recordedBy!: string;
}

/** A handover (三交办) to the local government, the industry regulator or the general contractor's HQ. */
@Entity({ tableName: 'handover' })
export class HandoverRecord {
  [OptionalProps]?: 'id';

  @PrimaryKey({ type: 'bigint', autoincrement: true })
  id!: string;

  @Property({ type: 'uuid' })
  @Index()
  leadId!: string;

  @Property({ type: 'text' })
  target!: string;

  /** When it happened; `recordedAt` is when it was entered. */
  @Property({ type: 'timestamptz' })
  at!: Date;

  /** Null on rows entered before it was kept: they were entered when they happened. */
  @Property({ type: 'timestamptz', nullable: true })
  recordedAt?: Date | null;

  @Property({ type: 'text' })
  note!: string;

  @Property({ type: 'text' })
  recordedBy!: string;
}

/** A call back to the complainant afterwards (回头看). */
@Entity({ tableName: 'callback' })
export class CallbackRecord {
  [OptionalProps]?: 'id';

  @PrimaryKey({ type: 'bigint', autoincrement: true })
  id!: string;

  @Property({ type: 'uuid' })
  @Index()
  leadId!: string;

  /** When it happened; `recordedAt` is when it was entered. */
  @Property({ type: 'timestamptz' })
  at!: Date;

  /** Null on rows entered before it was kept: they were entered when they happened. */
  @Property({ type: 'timestamptz', nullable: true })
  recordedAt?: Date | null;

  @Property({ type: 'boolean' })
  wagesPaid!: boolean;

  @Property({ type: 'boolean' })
  procedureLawful!: boolean;

  @Property({ type: 'boolean' })
  satisfied!: boolean;

  @Property({ type: 'text' })
  note!: string;

  @Property({ type: 'text' })
  recordedBy!: string;
}
