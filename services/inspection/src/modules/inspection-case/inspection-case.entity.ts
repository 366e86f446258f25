import { Entity, Property } from '@mikro-orm/core';
import { AgencyCaseRecord } from '../../../../../lib/agency-case/agency-case.entity';

/** Labour inspection's own case on a lead (劳动保障监察案件). */
@Entity({ tableName: 'inspection_case' })
export class InspectionCaseRecord extends AgencyCaseRecord {
  /** 首日对接: when the complainant was first contacted. */
  @Property({ type: 'timestamptz', nullable: true })
  firstContactAt?: Date | null;

  @Property({ type: 'text', nullable: true })
  firstContactNote?: string | null;
}
