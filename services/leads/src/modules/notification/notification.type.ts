import { Field, ID, ObjectType, registerEnumType } from 'type-graphql';
import { PageInfo } from '../../../../../lib/graphql/types';
import { NOTIFICATION_KINDS, isNotificationKind, type NotificationKind } from '../../../../../lib/vocabulary/notifications';
import { renderNotification } from '../../../../../lib/i18n/notifications';
import type { Lang } from '../../../../../lib/i18n/names';
import type { NotificationRow } from './notification.query';

export const NotificationKindEnum = Object.fromEntries(NOTIFICATION_KINDS.map((k) => [k, k])) as { [K in NotificationKind]: K };
registerEnumType(NotificationKindEnum, {
  name: 'NotificationKind',
  description: 'What a notification tells: an event on a lead (the timeline\'s kind of the same name) or a deadline coming due (lib/vocabulary/notifications.ts).',
});

@ObjectType({ description: "Something a staff member, or their unit, is told about a lead: what happened and what is due, in the caller's language (Accept-Language: zh or en)." })
export class Notification {
  @Field(() => ID)
  id!: string;

  @Field(() => NotificationKindEnum)
  kind!: NotificationKind;

  @Field(() => ID)
  leadId!: string;

  @Field({ description: "The lead's reference number." })
  referenceNo!: string;

  @Field({ description: "What happened and what is due, naming the lead, in the caller's language." })
  text!: string;

  @Field({ description: 'When it happened or fell due.' })
  at!: Date;

  @Field({ description: 'Whether the caller has read it (each staff member reads their own).' })
  read!: boolean;

  @Field(() => Date, { nullable: true })
  readAt!: Date | null;
}

@ObjectType()
export class NotificationEdge {
  @Field()
  cursor!: string;

  @Field(() => Notification)
  node!: Notification;
}

@ObjectType()
export class NotificationConnection {
  @Field(() => [NotificationEdge])
  edges!: NotificationEdge[];

  @Field(() => PageInfo)
  pageInfo!: PageInfo;
}

export function toNotification(r: NotificationRow, lang: Lang): Notification {
  // A kind this version does not know (written by a newer one) reads as its code.
  const kind = isNotificationKind(r.kind) ? r.kind : null;
  return Object.assign(new Notification(), {
    id: String(r.id),
    kind: kind ?? (r.kind as NotificationKind),
    leadId: r.lead_id,
    referenceNo: r.reference_no,
    text: kind ? renderNotification({ kind, referenceNo: r.reference_no, facts: r.facts }, lang) : r.kind,
    at: new Date(r.at),
    read: r.read_at !== null,
    readAt: r.read_at === null ? null : new Date(r.read_at),
  });
}
