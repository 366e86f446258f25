import { Entity, Property, type Opt } from '@mikro-orm/core';
import { AgencyCaseRecord } from '../../../../../lib/agency-case/agency-case.entity';

/** Labour inspection's own case on a lead (劳动保障监察案件). */
@Entity({ tableName: 'inspection_case' })
export class InspectionCaseRecord extends AgencyCaseRecord {
  /** 首日对接: when the complainant was first contacted. */
  @Property({ type: 'timestamptz', nullable: true })
  firstContactAt?: Date | null;

  /** When the first contact was entered (firstContactAt is when it happened). */
  @Property({ type: 'timestamptz', nullable: true })
  firstContactRecordedAt?: Date | null;

  @Property({ type: 'text', nullable: true })
  firstContactNote?: string | null;

  /** Opened on acceptance (or at inspection's own intake); due in 60 working days. */
  @Property({ type: 'timestamptz', nullable: true })
  investigationOpenedAt?: Date | null;

  @Property({ type: 'timestamptz', nullable: true })
  investigationExtendedAt?: Date | null;

  @Property({ type: 'text', nullable: true })
  investigationExtensionReason?: string | null;

  /** 中止: the day the investigation's deadline was suspended, while it is. */
  @Property({ type: 'date', columnType: 'date', nullable: true })
  investigationSuspendedOn?: string | null;

  @Property({ type: 'text', nullable: true })
  investigationSuspensionReason?: string | null;

  /** Working days the deadline stood suspended, over every resumed suspension: the deadline moves by them. */
  @Property({ type: 'integer', default: 0 })
  investigationSuspendedDays: number & Opt = 0;

  /** 两法衔接: referral of suspected refusal to pay wages to the police. */
  @Property({ type: 'timestamptz', nullable: true })
  policeDecidedAt?: Date | null;

  @Property({ type: 'timestamptz', nullable: true })
  policeSentAt?: Date | null;

  @Property({ type: 'text', nullable: true })
  policeUnit?: string | null;

  @Property({ type: 'timestamptz', nullable: true })
  blacklistProposedAt?: Date | null;

  @Property({ type: 'date', columnType: 'date', nullable: true })
  blacklistUntil?: string | null;

  @Property({ type: 'text', nullable: true })
  blacklistReason?: string | null;
}
