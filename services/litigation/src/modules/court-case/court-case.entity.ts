import { Entity } from '@mikro-orm/core';
import { AgencyCaseRecord } from '../../../../../lib/agency-case/agency-case.entity';

/** The court's own case on a lead (立案 onwards); its states show on Lead.agencies. */
@Entity({ tableName: 'court_case' })
export class CourtCaseRecord extends AgencyCaseRecord {}
