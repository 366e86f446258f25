import { Field, Int, ObjectType, registerEnumType } from 'type-graphql';
import { AgencyEnum, TransferKindEnum } from '../../../../../lib/graphql/enums';
import { DateScalar, MoneyScalar } from '../../../../../lib/scalars';
import type { Agency, TransferKind } from '../../../../../lib/domain/enums';
import { EVENT_KINDS, isEventKind, type EventKind } from '../../../../../lib/vocabulary/events';
import { renderTimeline } from '../../../../../lib/i18n/timeline';
import { typedFacts } from '../../../../../lib/i18n/timeline-facts';
import { unitLabel, type Lang } from '../../../../../lib/i18n/names';
import type { TimelineEntryRecord } from './timeline.entity';

export const TimelineEventKindEnum = Object.fromEntries(EVENT_KINDS.map((k) => [k, k])) as { [K in EventKind]: K };
registerEnumType(TimelineEventKindEnum, {
  name: 'TimelineEventKind',
  description: 'What happened on a lead: the same names as the audit trail\'s actions (lib/vocabulary/events.ts).',
});

@ObjectType({ description: 'An event on a lead, with its facts as typed fields and a summary in the caller\'s language (Accept-Language: zh or en).' })
export class TimelineEntry {
  @Field()
  at!: Date;

  @Field(() => AgencyEnum)
  agency!: Agency;

  @Field({ description: 'Staff id of whoever acted.' })
  actor!: string;

  @Field({ description: 'The event kind as a string (the TimelineEventKind name), e.g. LEAD_REPORTED, CASE_OPENED.' })
  kind!: string;

  @Field(() => TimelineEventKindEnum, { nullable: true, description: 'The event kind; null only for an entry older than the vocabulary.' })
  event!: EventKind | null;

  @Field(() => String, { nullable: true, description: "The staff member's name, as their token said when they acted." })
  actorName!: string | null;

  @Field(() => String, { nullable: true, description: 'The unit the staff member acted for: agency and region, in the caller\'s language.' })
  actorUnit!: string | null;

  @Field(() => MoneyScalar, { nullable: true, description: 'The amount the event is about (owed, advanced, agreed, recovered, paid, ordered).' })
  amount!: string | null;

  @Field(() => Int, { nullable: true, description: 'The workers the event counts (on the lead, advanced to, paid).' })
  workerCount!: number | null;

  @Field(() => AgencyEnum, { nullable: true, description: 'For a transfer or its feedback: the agency on the other side.' })
  otherAgency!: Agency | null;

  @Field(() => TransferKindEnum, { nullable: true })
  transferKind!: TransferKind | null;

  @Field(() => DateScalar, { nullable: true, description: 'The day the event names (a deadline, a pay-by day, a hearing, a filing).' })
  date!: string | null;

  @Field(() => String, { nullable: true, description: 'The reference it names: a lead reference number, a docket, a letter or agreement number.' })
  reference!: string | null;

  @Field({ description: "What happened, in the caller's language, naming the staff member and unit." })
  summary!: string;
}

export function toTimelineEntry(r: TimelineEntryRecord, lang: Lang): TimelineEntry {
  const event = isEventKind(r.kind) ? r.kind : null;
  const actor = { id: r.actor, name: r.actorName, agency: r.agency, region: r.actorRegion };
  // Entries written before facts were kept (or by the seed) show the summary they were written with.
  const summary = event && r.facts ? renderTimeline({ kind: event, facts: r.facts, text: r.text ?? {}, agency: r.agency, actor }, lang) : r.summary;
  return Object.assign(new TimelineEntry(), {
    at: r.at,
    agency: r.agency as Agency,
    actor: r.actor,
    kind: r.kind,
    event,
    actorName: r.actorName ?? null,
    actorUnit: r.actorRegion ? unitLabel({ agency: r.agency, region: r.actorRegion }, lang) : null,
    ...typedFacts(r.kind, r.facts, r.agency),
    summary,
  });
}
