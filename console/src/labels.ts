import { CHANNEL_NAMES, CLOSURE_REASON_NAMES } from '../../lib/i18n/labels';
import type { Agency, ClosureReason, ClosureState, FeedbackState, HandoverTarget, Industry, IntakeChannel, Role, TransferKind, TransferState, TransferStatus } from '../../client';

/** The words staff use (DOMAIN.md), for every code the API answers with. */
export const AGENCY: Record<Agency, string> = { UNION: '工会', INSPECTION: '劳动保障监察', PROCURATORATE: '检察院', COURT: '法院' };
export const TRANSFER_STATE: Record<TransferState, string> = {
  ORIGINATED: '自行受理',
  PENDING_ACCEPTANCE: '待接收',
  ACCEPTED: '已接收',
  RETURNED: '已退回',
  TRANSFERRED_OUT: '已移送',
};
export const FEEDBACK_STATE: Record<FeedbackState, string> = {
  NONE: '无需反馈',
  AWAITING: '等待反馈',
  DUE: '待反馈',
  OVERDUE: '反馈逾期',
  GIVEN: '已反馈',
  RECEIVED: '已收到反馈',
};
export const CLOSURE_STATE: Record<ClosureState, string> = { OPEN: '办理中', CLOSED: '已办结' };
export const TRANSFER_STATUS: Record<TransferStatus, string> = {
  REQUESTED: '待接收',
  ACCEPTED: '已接收',
  COMPLETED: '已办结反馈',
  REJECTED: '已退回',
  CANCELLED: '已撤回',
};
export const TRANSFER_KIND: Record<TransferKind, string> = {
  REFERRAL: '移送',
  SUPPORT_TO_SUE: '支持起诉',
  COURT_FILING: '起诉立案',
  DELEGATED_MEDIATION: '诉调对接',
};
export const INDUSTRY: Record<Industry, string> = {
  MANUFACTURING: '制造业',
  CONSTRUCTION: '建筑业',
  REAL_ESTATE: '房地产业',
  HOSPITALITY: '住宿餐饮业',
  OTHER: '其他',
};
/** One catalogue for the API and the console (lib/i18n/labels.ts). */
export const CHANNEL: Record<IntakeChannel, string> = CHANNEL_NAMES.zh;
export const CLOSURE_REASON: Record<ClosureReason, string> = CLOSURE_REASON_NAMES.zh;
export const ROLE: Record<Role, string> = { INTAKE: '受理', HANDLER: '办案', SUPERVISOR: '主管', VIEWER: '查看' };
/** 三交办: to whom labour inspection hands a case over. */
export const HANDOVER_TARGET: Record<HandoverTarget, string> = { LOCAL_GOVERNMENT: '属地政府', INDUSTRY_REGULATOR: '行业主管部门', GENERAL_CONTRACTOR_HQ: '总承包企业总部' };

/** Which transfer kinds an agency may send, and to whom (README: Transfers). */
export const TRANSFER_KINDS_FROM: Record<Agency, { kind: TransferKind; to: Agency[] }[]> = {
  UNION: [
    { kind: 'REFERRAL', to: ['INSPECTION', 'PROCURATORATE', 'COURT'] },
    { kind: 'SUPPORT_TO_SUE', to: ['PROCURATORATE'] },
  ],
  INSPECTION: [
    { kind: 'REFERRAL', to: ['UNION', 'PROCURATORATE', 'COURT'] },
    { kind: 'SUPPORT_TO_SUE', to: ['PROCURATORATE'] },
  ],
  PROCURATORATE: [
    { kind: 'REFERRAL', to: ['UNION', 'INSPECTION', 'COURT'] },
    { kind: 'COURT_FILING', to: ['COURT'] },
  ],
  COURT: [
    { kind: 'REFERRAL', to: ['UNION', 'INSPECTION', 'PROCURATORATE'] },
    { kind: 'DELEGATED_MEDIATION', to: ['UNION'] },
  ],
};

export const entries = <K extends string>(r: Record<K, string>) => Object.entries(r) as [K, string][];

/** Money strings from the API ("89195.00") shown with grouping; never through a float. */
export function yuan(amount: string): string {
  const [whole, fraction = '00'] = amount.split('.');
  const sign = whole.startsWith('-') ? '-' : '';
  const digits = whole.replace('-', '').replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${sign}${digits}.${fraction.padEnd(2, '0')} 元`;
}

const shanghai = new Intl.DateTimeFormat('zh-CN', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hour12: false });
const shanghaiDay = new Intl.DateTimeFormat('zh-CN', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' });
/** Instants as staff read them: Beijing time. */
export const when = (iso: string) => shanghai.format(new Date(iso));
export const day = (iso: string) => shanghaiDay.format(new Date(iso));

/** Field names of intake refusals (`extensions.invalidFields`), in Chinese. */
export const INTAKE_FIELD: Record<string, string> = {
  channel: '受理渠道',
  regionCode: '地区代码',
  receivedAt: '受理时间',
  employerName: '企业名称',
  employerCreditCode: '统一社会信用代码',
  industry: '所属行业',
  projectName: '项目名称',
  generalContractorName: '施工总承包单位',
  generalContractorCreditCode: '总承包单位信用代码',
  workerCount: '欠薪涉及人数',
  amountOwed: '欠薪金额',
  wagePeriodStart: '欠薪起始日期',
  wagePeriodEnd: '欠薪截止日期',
  description: '情况描述',
  'complainants[0].name': '投诉人姓名',
  'complainants[0].idNumber': '投诉人身份证号码',
  'complainants[0].phone': '投诉人联系电话',
};
