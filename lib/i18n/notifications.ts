/**
 * What a staff notification says, in the reader's language: the lead's reference number, what
 * happened and what is due. One template per kind and language (a test fails if one is missing).
 */
import type { NotificationKind } from '../vocabulary/notifications';
import { AGENCY_NAMES, TRANSFER_KIND_NAMES, type Lang } from './names';

/** A notification as stored: its kind, the lead's reference number and its facts. */
export interface NotificationFacts {
  kind: NotificationKind;
  referenceNo: string;
  facts: Record<string, unknown>;
}

type Template = (referenceNo: string, f: Record<string, string | undefined>) => string;

const agency = (lang: Lang, a: string | undefined) => (a ? (AGENCY_NAMES[lang][a] ?? a) : '');
const transferKind = (lang: Lang, k: string | undefined) => (k ? (TRANSFER_KIND_NAMES[lang][k as keyof (typeof TRANSFER_KIND_NAMES)['en']] ?? k) : '');

const zh: Record<NotificationKind, Template> = {
  TRANSFER_REQUESTED: (no, f) => `线索 ${no}：${agency('zh', f.from)}向本单位${transferKind('zh', f.kind)}，请及时受理或退回；反馈期限 ${f.feedbackDueOn}`,
  TRANSFER_ACCEPTED: (no, f) => `线索 ${no}：${agency('zh', f.to)}已受理本单位的${transferKind('zh', f.kind)}，请等待其反馈`,
  TRANSFER_RETURNED: (no, f) => `线索 ${no}：${agency('zh', f.to)}退回了本单位的${transferKind('zh', f.kind)}，请查看退回理由并另行处理`,
  FEEDBACK_INTERIM: (no, f) => `线索 ${no}：${agency('zh', f.to)}对${transferKind('zh', f.kind)}作出阶段性反馈，请查看；办结后还将作出最终反馈`,
  FEEDBACK_FINAL: (no, f) => `线索 ${no}：${agency('zh', f.to)}对${transferKind('zh', f.kind)}作出最终反馈，请查看并确认`,
  MASS_CASE_FLAGGED: (no, f) => `线索 ${no}：群体性欠薪（${f.workerCount} 名劳动者），请省级${agency('zh', f.agency)}及时确认预警`,
  HANDLER_REASSIGNED: (no) => `线索 ${no}：您被指定为首问负责人，请及时联系劳动者`,
  FEEDBACK_DUE_SOON: (no, f) => `线索 ${no}：${transferKind('zh', f.kind)}的反馈期限 ${f.dueOn} 将至，请及时反馈`,
  FEEDBACK_OVERDUE: (no, f) => `线索 ${no}：${transferKind('zh', f.kind)}的反馈已逾期（期限 ${f.dueOn}），请尽快反馈`,
  ACCEPTANCE_DUE_SOON: (no, f) => `线索 ${no}：受理期限 ${f.dueOn} 将至，请及时受理或退回`,
  ACCEPTANCE_OVERDUE: (no, f) => `线索 ${no}：已超过受理期限（${f.dueOn}），请尽快受理或退回`,
  INVESTIGATION_DUE_SOON: (no, f) => `线索 ${no}：调查期限 ${f.dueOn} 将至，请及时办结或延长`,
  PAYMENT_ORDER_LAPSED: (no, f) => `线索 ${no}：限期支付令已到期（${f.dueOn}）仍未付清，请决定后续措施`,
  INSTALLMENT_OVERDUE: (no, f) => `线索 ${no}：分期付款逾期（应付日 ${f.dueOn}），请跟进或申请强制执行`,
  HEARING_TOMORROW: (no, f) => `线索 ${no}：明天（${f.dueOn}）开庭，请做好准备`,
  TRANSFER_ESCALATED: (no, f) => `线索 ${no}：${agency('zh', f.to)}超过受理期限（${f.dueOn}）仍未受理${transferKind('zh', f.kind)}，请督办`,
  FEEDBACK_ESCALATED: (no, f) => `线索 ${no}：${agency('zh', f.to)}的反馈已逾期 ${f.workingDaysOverdue} 个工作日（期限 ${f.dueOn}），请督办`,
  WEBHOOK_PAUSED: (no, f) => `推送订阅 ${f.origin} 连续 ${f.consecutiveFailures} 次推送失败，已自动暂停（待推送：线索 ${no} 的事件）；请检查接收端后恢复订阅`,
};

const en: Record<NotificationKind, Template> = {
  TRANSFER_REQUESTED: (no, f) => `Lead ${no}: ${agency('en', f.from)} sent your unit a ${transferKind('en', f.kind)}; accept or return it. Feedback due ${f.feedbackDueOn}`,
  TRANSFER_ACCEPTED: (no, f) => `Lead ${no}: ${agency('en', f.to)} accepted your unit's ${transferKind('en', f.kind)}; its feedback will follow`,
  TRANSFER_RETURNED: (no, f) => `Lead ${no}: ${agency('en', f.to)} returned your unit's ${transferKind('en', f.kind)}; read its reason and decide how to proceed`,
  FEEDBACK_INTERIM: (no, f) => `Lead ${no}: ${agency('en', f.to)} gave interim feedback on the ${transferKind('en', f.kind)}; final feedback follows when it closes`,
  FEEDBACK_FINAL: (no, f) => `Lead ${no}: ${agency('en', f.to)} gave final feedback on the ${transferKind('en', f.kind)}; read and confirm it`,
  MASS_CASE_FLAGGED: (no, f) => `Lead ${no}: mass case (${f.workerCount} workers); the province's ${agency('en', f.agency)} must acknowledge the alert`,
  HANDLER_REASSIGNED: (no) => `Lead ${no}: you are now its first-contact handler; contact the workers`,
  FEEDBACK_DUE_SOON: (no, f) => `Lead ${no}: feedback on the ${transferKind('en', f.kind)} is due ${f.dueOn}`,
  FEEDBACK_OVERDUE: (no, f) => `Lead ${no}: feedback on the ${transferKind('en', f.kind)} is overdue (due ${f.dueOn})`,
  ACCEPTANCE_DUE_SOON: (no, f) => `Lead ${no}: accept or return it by ${f.dueOn}`,
  ACCEPTANCE_OVERDUE: (no, f) => `Lead ${no}: the acceptance deadline (${f.dueOn}) has passed; accept or return it now`,
  INVESTIGATION_DUE_SOON: (no, f) => `Lead ${no}: the investigation is due ${f.dueOn}; close or extend it`,
  PAYMENT_ORDER_LAPSED: (no, f) => `Lead ${no}: the payment order lapsed on ${f.dueOn} unpaid; decide the next measure`,
  INSTALLMENT_OVERDUE: (no, f) => `Lead ${no}: an installment due ${f.dueOn} is overdue; follow up or apply for enforcement`,
  HEARING_TOMORROW: (no, f) => `Lead ${no}: hearing tomorrow (${f.dueOn})`,
  TRANSFER_ESCALATED: (no, f) => `Lead ${no}: ${agency('en', f.to)} has not accepted the ${transferKind('en', f.kind)} by its deadline (${f.dueOn}); follow it up`,
  FEEDBACK_ESCALATED: (no, f) => `Lead ${no}: ${agency('en', f.to)}'s feedback is ${f.workingDaysOverdue} working day(s) overdue (due ${f.dueOn}); follow it up`,
  WEBHOOK_PAUSED: (no, f) => `The webhook subscription to ${f.origin} paused itself after ${f.consecutiveFailures} failed deliveries in a row (waiting: an event on lead ${no}); fix the endpoint, then resume it`,
};

export const NOTIFICATION_TEMPLATES: Record<Lang, Record<NotificationKind, Template>> = { zh, en };

export function renderNotification(n: NotificationFacts, lang: Lang): string {
  const facts = Object.fromEntries(Object.entries(n.facts).map(([k, v]) => [k, v === null || v === undefined ? undefined : typeof v === 'object' ? JSON.stringify(v) : String(v as string | number | boolean)]));
  return NOTIFICATION_TEMPLATES[lang][n.kind](n.referenceNo, facts);
}
