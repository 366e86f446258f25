import { Entity, Index, PrimaryKey, Property } from '@mikro-orm/core';

/** A mass case (50 or more workers) the province level of the intake agency must see at once. */
@Entity({ tableName: 'mass_case_alert' })
@Index({ name: 'mass_case_alert_agency_idx', properties: ['agency', 'raisedAt', 'leadId'] })
export class MassCaseAlertRecord {
  @PrimaryKey({ type: 'uuid' })
  leadId!: string;

  @Property({ type: 'text' })
  agency!: string;

  /** Region code of the province (XX0000) the alert goes to. */
  @Property({ type: 'text' })
  province!: string;

  @Property({ type: 'timestamptz' })
  raisedAt!: Date;

  @Property({ type: 'timestamptz', nullable: true })
  acknowledgedAt?: Date | null;

  @Property({ type: 'text', nullable: true })
  acknowledgedBy?: string | null;
}
