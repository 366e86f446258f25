import { Entity, Property } from '@mikro-orm/core';
import { AgencyCaseRecord } from '../../../../../lib/agency-case/agency-case.entity';

/** The procuratorate's support-to-sue case on a lead (民事支持起诉). */
@Entity({ tableName: 'support_case' })
export class SupportCaseRecord extends AgencyCaseRecord {
  /** null until decided; then supported or declined. */
  @Property({ type: 'boolean', nullable: true })
  decisionSupported?: boolean | null;

  @Property({ type: 'text', nullable: true })
  decisionReason?: string | null;

  /** When the procuratorate decided (the act's time); `decisionRecordedAt` is when it was entered. */
  @Property({ type: 'timestamptz', nullable: true })
  decidedAt?: Date | null;

  @Property({ type: 'timestamptz', nullable: true })
  decisionRecordedAt?: Date | null;

  @Property({ type: 'text', nullable: true })
  decidedBy?: string | null;

  /** 支持起诉书: the letter of support the procuratorate issues. */
  @Property({ type: 'text', nullable: true })
  letterNo?: string | null;

  @Property({ type: 'date', columnType: 'date', nullable: true })
  letterIssuedOn?: string | null;

  /** When the letter was entered; null for letters entered before this was kept. */
  @Property({ type: 'timestamptz', nullable: true })
  letterRecordedAt?: Date | null;
}
