import { Entity } from '@mikro-orm/core';
import { AgencyCaseRecord } from '../../../../../lib/agency-case/agency-case.entity';

/** The union's own case on a lead (工会维权案件). */
@Entity({ tableName: 'union_case' })
export class UnionCaseRecord extends AgencyCaseRecord {}
