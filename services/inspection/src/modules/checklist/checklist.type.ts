import { Field, ObjectType, registerEnumType } from 'type-graphql';
import { EVIDENCE_ITEMS, type EvidenceItem } from '../../../../../lib/domain/enums';
import { DateScalar } from '../../../../../lib/scalars';
import type { CloseWithoutLedgerReasonRecord, EvidenceRequestRecord } from './checklist.entity';
import { ledgerReceivedOn } from './checklist.rules';

export const EvidenceItemEnum = Object.fromEntries(EVIDENCE_ITEMS.map((i) => [i, i])) as { [K in EvidenceItem]: K };
registerEnumType(EvidenceItemEnum, { name: 'EvidenceItem', description: '第五十条: LABOUR_CONTRACTS 劳动合同, ROSTER 花名册, PAYROLL_LEDGER 工资台账, ATTENDANCE_RECORDS 考勤记录' });

export type EvidenceStatus = 'NOT_REQUESTED' | 'REQUESTED' | 'RECEIVED' | 'NOT_PROVIDED';
const EvidenceStatusEnum = { NOT_REQUESTED: 'NOT_REQUESTED', REQUESTED: 'REQUESTED', RECEIVED: 'RECEIVED', NOT_PROVIDED: 'NOT_PROVIDED' } as const satisfies Record<EvidenceStatus, EvidenceStatus>;
registerEnumType(EvidenceStatusEnum, { name: 'EvidenceStatus', description: 'NOT_REQUESTED 未要求提供, REQUESTED 已要求、待提供, RECEIVED 已收到, NOT_PROVIDED 未提供' });

@ObjectType({ description: 'One request to the employer for one document, and whether it came.' })
export class EvidenceRequest {
  @Field(() => DateScalar, { description: 'The day the employer was asked.' })
  requestedOn!: string;

  @Field({ description: 'When the request was entered in the hub.' })
  recordedAt!: Date;

  @Field({ description: 'Staff id of who entered it.' })
  requestedBy!: string;

  @Field(() => EvidenceStatusEnum, { description: 'REQUESTED while the employer has not answered; RECEIVED or NOT_PROVIDED after.' })
  status!: EvidenceStatus;

  @Field(() => DateScalar, { nullable: true })
  receivedOn!: string | null;

  @Field(() => String, { nullable: true, description: 'Why it was not provided, as noted.' })
  note!: string | null;
}

@ObjectType({ description: 'One document of the checklist: its latest request and what came of it.' })
export class EvidenceChecklistItem {
  @Field(() => EvidenceItemEnum)
  item!: EvidenceItem;

  @Field(() => EvidenceStatusEnum)
  status!: EvidenceStatus;

  @Field(() => DateScalar, { nullable: true, description: 'The day of the latest request.' })
  requestedOn!: string | null;

  @Field(() => DateScalar, { nullable: true })
  receivedOn!: string | null;

  @Field(() => String, { nullable: true, description: 'Why it was not provided, as noted.' })
  note!: string | null;

  @Field(() => [EvidenceRequest], { description: 'Every request for this document, oldest first.' })
  requests!: EvidenceRequest[];
}

@ObjectType({ description: 'Why the case may close without the payroll ledger.' })
export class CloseWithoutLedgerReason {
  @Field()
  reason!: string;

  @Field()
  recordedAt!: Date;

  @Field({ description: 'Staff id of who recorded it.' })
  recordedBy!: string;
}

@ObjectType({ description: "The evidence checklist of an inspection case (《保障农民工工资支付条例》第五十条): the employer's labour contracts, roster, payroll ledger and attendance records." })
export class EvidenceChecklist {
  @Field(() => [EvidenceChecklistItem], { description: 'Every document of the checklist, requested or not, in a fixed order.' })
  items!: EvidenceChecklistItem[];

  @Field(() => DateScalar, { nullable: true, description: 'The day the payroll ledger was received.' })
  payrollLedgerReceivedOn!: string | null;

  @Field(() => CloseWithoutLedgerReason, { nullable: true, description: 'The latest reason recorded to close without the payroll ledger.' })
  closeWithoutLedgerReason!: CloseWithoutLedgerReason | null;

  @Field({ description: 'The payroll ledger was received, or a reason to close without it is on record: the case may close as paid in full or after a payment order.' })
  payrollLedgerSettled!: boolean;
}

const statusOf = (r: EvidenceRequestRecord): EvidenceStatus => (r.outcome as EvidenceStatus | null | undefined) ?? 'REQUESTED';

const toRequest = (r: EvidenceRequestRecord) =>
  Object.assign(new EvidenceRequest(), { requestedOn: r.requestedOn, recordedAt: r.requestedAt, requestedBy: r.requestedBy, status: statusOf(r), receivedOn: r.receivedOn ?? null, note: r.note ?? null });

export function toEvidenceChecklist(rows: EvidenceRequestRecord[], reasons: CloseWithoutLedgerReasonRecord[]): EvidenceChecklist {
  const now = rows.map((r) => ({ item: r.item as EvidenceItem, requestedOn: r.requestedOn, outcome: (r.outcome ?? null) as 'RECEIVED' | 'NOT_PROVIDED' | null, receivedOn: r.receivedOn ?? null }));
  const items = EVIDENCE_ITEMS.map((item) => {
    const mine = rows.filter((r) => r.item === item);
    const last = mine.at(-1);
    const received = mine.find((r) => r.outcome === 'RECEIVED');
    return Object.assign(new EvidenceChecklistItem(), {
      item,
      status: received ? 'RECEIVED' : last ? statusOf(last) : 'NOT_REQUESTED',
      requestedOn: last?.requestedOn ?? null,
      receivedOn: received?.receivedOn ?? null,
      note: last?.outcome === 'NOT_PROVIDED' ? (last.note ?? null) : null,
      requests: mine.map(toRequest),
    });
  });
  const reason = reasons.at(-1);
  const ledgerOn = ledgerReceivedOn(now);
  return Object.assign(new EvidenceChecklist(), {
    items,
    payrollLedgerReceivedOn: ledgerOn,
    closeWithoutLedgerReason: reason ? Object.assign(new CloseWithoutLedgerReason(), { reason: reason.reason, recordedAt: reason.recordedAt, recordedBy: reason.recordedBy }) : null,
    payrollLedgerSettled: !!ledgerOn || !!reason,
  });
}
