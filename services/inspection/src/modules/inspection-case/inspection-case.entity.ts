import { Entity } from '@mikro-orm/core';
import { AgencyCaseRecord } from '../../../../../lib/agency-case/agency-case.entity';

/** Labour inspection's own case on a lead (劳动保障监察案件). */
@Entity({ tableName: 'inspection_case' })
export class InspectionCaseRecord extends AgencyCaseRecord {}
