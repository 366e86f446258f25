import { Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { PageInfo } from '../../../../../lib/graphql/types';
import { AgencyEnum } from '../../../../../lib/graphql/enums';
import { COMPLAINANT_NOTICE_KINDS } from '../../../../../lib/i18n/complainant-notices';
import type { Agency } from '../../../../../lib/domain/enums';
import type { ComplainantNoticeRecord } from './complainant-notice.entity';

const asEnum = <T extends string>(values: readonly T[]) => Object.fromEntries(values.map((v) => [v, v])) as { [K in T]: K };

export const ComplainantNoticeKindEnum = asEnum(COMPLAINANT_NOTICE_KINDS);
export const ComplainantNoticeStatusEnum = asEnum(['PENDING', 'SENT', 'FAILED'] as const);
export const NoticeChannelEnum = asEnum(['SMS', 'LETTER'] as const);
registerEnumType(ComplainantNoticeKindEnum, { name: 'ComplainantNoticeKind', description: 'LEAD_ACCEPTED 受理告知, TRANSFER_SENT 移送告知, TRANSFER_ACCEPTED 接收告知, CASE_CLOSED 办结告知' });
registerEnumType(ComplainantNoticeStatusEnum, { name: 'ComplainantNoticeStatus', description: 'PENDING 待发送, SENT 已发送, FAILED 发送失败' });
registerEnumType(NoticeChannelEnum, { name: 'NoticeChannel', description: 'SMS 短信, LETTER 信函' });

@ObjectType({ description: 'A notice owed to one complainant because an agency accepted, transferred or closed their lead (首问负责制, 《保障农民工工资支付条例》第十条).' })
export class ComplainantNotice {
  @Field(() => ID)
  id!: string;

  @Field(() => ID)
  leadId!: string;

  @Field({ description: "The lead's reference number, which the notice quotes." })
  referenceNo!: string;

  @Field(() => ComplainantNoticeKindEnum)
  kind!: string;

  @Field(() => AgencyEnum, { description: 'The agency that acted; its NOTIFIER sends the notice.' })
  agency!: Agency;

  @Field({ description: 'The acting unit as the notice names it (e.g. 长治市工会).' })
  unit!: string;

  @Field(() => Int, { description: 'Which complainant the notice is for: their place in Lead.complainants, from 0.' })
  complainantOrdinal!: number;

  @Field(() => String, { nullable: true, description: "The complainant's name; null unless you are the notifier or your agency handles the lead." })
  complainantName!: string | null;

  @Field(() => String, { nullable: true, description: "The complainant's phone, for the notifier only (each read is on the personal-data access record); null elsewhere." })
  phone!: string | null;

  @Field(() => String, { nullable: true, description: 'The notice in Chinese as it is to be sent; null unless you are the notifier or your agency handles the lead.' })
  text!: string | null;

  @Field(() => ComplainantNoticeStatusEnum)
  status!: string;

  @Field(() => NoticeChannelEnum, { nullable: true })
  channel!: string | null;

  @Field(() => Date, { nullable: true, description: 'When the notifier reported it sent.' })
  sentAt!: Date | null;

  @Field(() => String, { nullable: true, description: "The notifier's last reason for a failed delivery; null unless you are the notifier or your agency handles the lead." })
  failedReason!: string | null;

  @Field(() => Int, { description: 'Failed deliveries reported so far.' })
  attempts!: number;

  @Field({ description: 'When the hub recorded it as owed.' })
  createdAt!: Date;
}

/** A notice as its reader may see it: `full` for the notifier and for staff of an agency handling the lead. */
export function toComplainantNotice(r: ComplainantNoticeRecord, o: { full: boolean; complainantName?: string | null; phone?: string | null }): ComplainantNotice {
  return Object.assign(new ComplainantNotice(), {
    id: String(r.id),
    leadId: r.leadId,
    referenceNo: r.referenceNo,
    kind: r.kind,
    agency: r.agency as Agency,
    unit: r.unit,
    complainantOrdinal: r.complainantOrdinal,
    complainantName: o.full ? (o.complainantName ?? null) : null,
    phone: o.phone ?? null,
    text: o.full ? r.text : null,
    status: r.status,
    channel: r.channel ?? null,
    sentAt: r.sentAt ?? null,
    failedReason: o.full ? (r.failedReason ?? null) : null,
    attempts: r.attempts,
    createdAt: r.createdAt,
  });
}

@ObjectType()
export class ComplainantNoticeEdge {
  @Field()
  cursor!: string;

  @Field(() => ComplainantNotice)
  node!: ComplainantNotice;
}

@ObjectType()
export class ComplainantNoticeConnection {
  @Field(() => [ComplainantNoticeEdge])
  edges!: ComplainantNoticeEdge[];

  @Field(() => PageInfo)
  pageInfo!: PageInfo;
}
