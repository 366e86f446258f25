import { Entity } from '@mikro-orm/core';
import { AgencyCaseRecord } from '../../../../../lib/agency-case/agency-case.entity';

/** The procuratorate's support-to-sue case on a lead (民事支持起诉). */
@Entity({ tableName: 'support_case' })
export class SupportCaseRecord extends AgencyCaseRecord {}
