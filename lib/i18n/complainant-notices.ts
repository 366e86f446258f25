/**
 * What the hub tells a complainant when an agency acts on their lead (《保障农民工工资支付条例》
 * 第十条, 首问负责制): one Chinese template per notice kind. Each notice names only the complainant it
 * is sent to (or nobody), the acting unit and the lead's reference number: never another worker,
 * an amount or anything staff typed.
 */
import type { ClosureReason, TransferKind } from '../domain/enums';
import { AGENCY_ZH, CLOSURE_REASON_NAMES, TRANSFER_KIND_ZH } from './labels';

export const COMPLAINANT_NOTICE_KINDS = ['LEAD_ACCEPTED', 'TRANSFER_SENT', 'TRANSFER_ACCEPTED', 'CASE_CLOSED'] as const;
export type ComplainantNoticeKind = (typeof COMPLAINANT_NOTICE_KINDS)[number];

/** The names people read for the notice kinds (the console's list of notices). */
export const COMPLAINANT_NOTICE_KIND_ZH: Record<ComplainantNoticeKind, string> = {
  LEAD_ACCEPTED: '受理告知',
  TRANSFER_SENT: '移送告知',
  TRANSFER_ACCEPTED: '接收告知',
  CASE_CLOSED: '办结告知',
};

export interface NoticeFacts {
  /** The complainant's own name; empty: the notice names nobody. */
  name: string;
  referenceNo: string;
  /** The acting unit (地区 + 机构, e.g. 长治市工会), or the agency's name when its region is unknown. */
  unit: string;
  /** For transfers: to whom, and what kind. */
  to?: string;
  transferKind?: TransferKind;
  closureReason?: ClosureReason;
}

const greeting = (name: string) => (name ? `${name}您好：` : '您好：');
const agency = (a: string | undefined) => (a ? (AGENCY_ZH[a] ?? a) : '');

const TEMPLATES: Record<ComplainantNoticeKind, (f: NoticeFacts) => string> = {
  LEAD_ACCEPTED: (f) => `${greeting(f.name)}您反映的欠薪问题（线索编号 ${f.referenceNo}）已由${f.unit}受理，我们将依法处理并告知您结果。`,
  TRANSFER_SENT: (f) =>
    `${greeting(f.name)}您反映的欠薪问题（线索编号 ${f.referenceNo}）已由${f.unit}${f.transferKind ? `以${TRANSFER_KIND_ZH[f.transferKind]}方式` : ''}转交${agency(f.to)}办理，办理结果将另行告知。`,
  TRANSFER_ACCEPTED: (f) => `${greeting(f.name)}您反映的欠薪问题（线索编号 ${f.referenceNo}）已由${f.unit}接收办理。`,
  CASE_CLOSED: (f) =>
    `${greeting(f.name)}您反映的欠薪问题（线索编号 ${f.referenceNo}）${f.unit}已办结${f.closureReason ? `（${CLOSURE_REASON_NAMES.zh[f.closureReason] ?? f.closureReason}）` : ''}。如有疑问，请联系${f.unit}。`,
};

export const renderComplainantNotice = (kind: ComplainantNoticeKind, facts: NoticeFacts): string => TEMPLATES[kind](facts);

/** The unit named in a notice: its region's name before the agency's (长治市 + 工会), when known. */
export const noticeUnit = (agencyCode: string, regionName: string | undefined): string => `${regionName ?? ''}${agency(agencyCode)}`;

export const COMPLAINANT_NOTICE_STATUS_ZH: Record<string, string> = { PENDING: '待发送', SENT: '已发送', FAILED: '发送失败' };
export const NOTICE_CHANNEL_ZH: Record<string, string> = { SMS: '短信', LETTER: '信函' };
