import { Field, ObjectType } from 'type-graphql';
import { AgencyEnum } from '../../../../../lib/graphql/enums';
import type { Agency } from '../../../../../lib/domain/enums';
import type { TimelineEntryRecord } from './timeline.entity';

@ObjectType()
export class TimelineEntry {
  @Field()
  at!: Date;

  @Field(() => AgencyEnum)
  agency!: Agency;

  @Field({ description: 'Staff id of whoever acted.' })
  actor!: string;

  @Field({ description: 'What happened, e.g. LEAD_REPORTED, CASE_OPENED.' })
  kind!: string;

  @Field()
  summary!: string;
}

export const toTimelineEntry = (r: TimelineEntryRecord): TimelineEntry =>
  Object.assign(new TimelineEntry(), { at: r.at, agency: r.agency as Agency, actor: r.actor, kind: r.kind, summary: r.summary });
