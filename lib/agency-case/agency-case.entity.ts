import { Entity, PrimaryKey, Property } from '@mikro-orm/core';
import { AgencyStatesRecord } from './agency-states.entity';

/**
 * What every agency's own case on a lead has: its first-contact handler and its three states.
 * Each agency service keeps its cases in its own table, extending this.
 */
@Entity({ abstract: true })
export abstract class AgencyCaseRecord extends AgencyStatesRecord {
  @PrimaryKey({ type: 'uuid' })
  leadId!: string;

  @Property({ type: 'text' })
  referenceNo!: string;

  @Property({ type: 'text' })
  regionCode!: string;

  /** 首问负责人: staff id of whoever took the lead for this agency. */
  @Property({ type: 'text' })
  handler!: string;

  @Property({ type: 'timestamptz' })
  openedAt!: Date;

  /** When the lead last arrived by transfer (not for the agency's own intake): deadlines to accept run from it. */
  @Property({ type: 'timestamptz', nullable: true })
  arrivedAt?: Date | null;

  /** When the lead was received (its registry's receivedAt): no act on it is dated earlier. Null on cases opened before it was sent. */
  @Property({ type: 'timestamptz', nullable: true })
  leadReceivedAt?: Date | null;

  /** The lead's amount owed, in fen, as the registry last said. */
  @Property({ type: 'bigint', columnType: 'bigint', nullable: true })
  amountOwedFen?: string | null;

  @Property({ type: 'integer', nullable: true })
  workerCount?: number | null;
}
