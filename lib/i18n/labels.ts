/**
 * Words the refusal messages put around their values: agencies, roles, states and the input fields,
 * in Chinese (what staff read) and English (what integrators read: the codes and paths as the API
 * spells them). Pure data, no Node imports, so the console can share it.
 */
import type { Language } from './lang';
import type { ClosureReason, EvidenceItem, IntakeChannel } from '../domain/enums';

export const AGENCY_ZH: Record<string, string> = { UNION: '工会', INSPECTION: '劳动保障监察', PROCURATORATE: '检察院', COURT: '法院' };
/** "The procuratorate's case…": an agency as the subject of an English sentence. */
export const AGENCY_NAME_EN: Record<string, string> = { UNION: 'The union', INSPECTION: 'Labour inspection', PROCURATORATE: 'The procuratorate', COURT: 'The court' };
export const INDUSTRY_ZH: Record<string, string> = { MANUFACTURING: '制造业', CONSTRUCTION: '建筑业', REAL_ESTATE: '房地产业', HOSPITALITY: '住宿餐饮业', OTHER: '其他' };
export const ROLE_ZH: Record<string, string> = { INTAKE: '受理', HANDLER: '办案', SUPERVISOR: '主管', VIEWER: '查看', NOTIFIER: '告知服务' };
/** Agency case states (transferState, closureState) and transfer statuses. */
export const STATE_ZH: Record<string, string> = {
  ORIGINATED: '自行受理',
  PENDING_ACCEPTANCE: '待接收',
  ACCEPTED: '已接收',
  RETURNED: '已退回',
  TRANSFERRED_OUT: '已移送',
  OPEN: '办理中',
  CLOSED: '已办结',
  REQUESTED: '待接收',
  COMPLETED: '已办结反馈',
  REJECTED: '已退回',
  CANCELLED: '已撤回',
};
export const TRANSFER_KIND_ZH: Record<string, string> = { REFERRAL: '移送', SUPPORT_TO_SUE: '支持起诉', COURT_FILING: '起诉立案', DELEGATED_MEDIATION: '诉调对接' };
/** What each transfer kind is, for a refused route (transfer.rules KIND_RULES says the same in code). */
export const TRANSFER_ROUTE: Record<Language, Record<string, string>> = {
  en: {
    REFERRAL: 'a referral for handling, between any two agencies',
    SUPPORT_TO_SUE: 'an application for support to sue, from a union or labour inspection to a procuratorate',
    COURT_FILING: 'a filing with the court, from a procuratorate',
    DELEGATED_MEDIATION: 'mediation delegated by a court to a union (诉调对接)',
  },
  zh: {
    REFERRAL: '任意两个单位之间的移送办理',
    SUPPORT_TO_SUE: '由工会或劳动保障监察向检察院申请支持起诉',
    COURT_FILING: '由检察院向法院起诉立案',
    DELEGATED_MEDIATION: '由法院委托工会调解（诉调对接）',
  },
};
/** Court outcomes and mediation outcomes. */
/** How a lead came in (受理渠道). */
export const CHANNEL_NAMES: Record<Language, Record<IntakeChannel, string>> = {
  zh: { HOTLINE: '12351 热线', WALK_IN: '来访', ONLINE: '网上投诉', QR_CODE: '一码通', LETTER: '来信', PATROL: '巡查发现', MEDIA: '媒体报道', REFERRAL: '转办' },
  en: { HOTLINE: 'the 12351 hotline', WALK_IN: 'a visit', ONLINE: 'an online complaint', QR_CODE: 'the QR code', LETTER: 'a letter', PATROL: 'a patrol', MEDIA: 'a media report', REFERRAL: 'a referral' },
};
/** Why a case was closed (结案原因). */
export const CLOSURE_REASON_NAMES: Record<Language, Record<ClosureReason, string>> = {
  zh: { PAID_IN_FULL: '已全额支付', PARTIALLY_PAID: '部分支付', MEDIATED: '调解结案', JUDGMENT_ENFORCED: '判决执行完毕', NO_ARREARS_FOUND: '查无欠薪', UNRESOLVED: '未能解决', TRANSFERRED: '已移交他处', DUPLICATE: '重复线索', WITHDRAWN: '撤回' },
  en: { PAID_IN_FULL: 'paid in full', PARTIALLY_PAID: 'partly paid', MEDIATED: 'mediated', JUDGMENT_ENFORCED: 'judgment enforced', NO_ARREARS_FOUND: 'no arrears found', UNRESOLVED: 'unresolved', TRANSFERRED: 'transferred elsewhere', DUPLICATE: 'a duplicate', WITHDRAWN: 'withdrawn' },
};
/** Kinds of evidence (证据材料). */
export const EVIDENCE_KIND_NAMES: Record<Language, Record<string, string>> = {
  zh: { LABOUR_CONTRACT: '劳动合同', ATTENDANCE_RECORD: '考勤记录', PAYROLL: '工资表/工资台账', IOU: '欠条', CHAT_RECORD: '聊天记录', PHOTO: '照片', EMPLOYER_MATERIAL: '用人单位提供材料', OTHER: '其他' },
  en: { LABOUR_CONTRACT: 'labour contract', ATTENDANCE_RECORD: 'attendance record', PAYROLL: 'payroll', IOU: 'IOU', CHAT_RECORD: 'chat record', PHOTO: 'photo', EMPLOYER_MATERIAL: "employer's material", OTHER: 'other' },
};
export const OUTCOME_ZH: Record<string, string> = { MEDIATED: '调解', JUDGMENT: '判决', WITHDRAWN: '撤诉', SETTLED: '达成调解', PARTIAL: '部分达成调解', FAILED: '调解不成' };
export const WEEKDAY_ZH: Record<string, string> = {
  Sunday: '星期日', Monday: '星期一', Tuesday: '星期二', Wednesday: '星期三', Thursday: '星期四', Friday: '星期五', Saturday: '星期六',
};

/**
 * Chinese labels of input fields, keyed by the path a refusal names (`extensions.field`,
 * `invalidFields[].field`) with list indices written `[]`; `{n}` in a label is the item's number
 * (index + 1). A path not listed is looked up without its `input.` / `filter.` prefix, and shown
 * as it is when still unknown.
 */
export const FIELD_ZH: Record<string, string> = {
  // intake (ReportLeadInput)
  channel: '受理渠道',
  regionCode: '地区代码',
  region: '地区',
  receivedAt: '受理时间',
  employerName: '企业名称',
  employerCreditCode: '统一社会信用代码',
  projectName: '项目名称',
  generalContractorName: '施工总承包单位',
  generalContractorCreditCode: '总承包单位统一社会信用代码',
  industry: '所属行业',
  workerCount: '涉及人数',
  amountOwed: '欠薪金额',
  wagePeriodStart: '欠薪起始日期',
  wagePeriodEnd: '欠薪截止日期',
  description: '情况描述',
  complainants: '投诉人',
  'complainants[].name': '第{n}位投诉人姓名',
  'complainants[].idNumber': '第{n}位投诉人身份证号码',
  'complainants[].phone': '第{n}位投诉人联系电话',
  // lead lists
  'filter.regionCode': '地区代码',
  'filter.receivedFrom': '受理起始日期',
  'filter.receivedTo': '受理截止日期',
  'filter.hearingWithinDays': '开庭日期范围（天）',
  first: '每页条数',
  after: '分页位置',
  ids: '所选项',
  search: '搜索内容',
  // transfers, feedback, closures
  'input.to': '接收单位',
  'input.kind': '移送类型',
  'input.reason': '理由',
  reason: '理由',
  'input.feedbackDueAt': '反馈期限',
  'input.suspendedOn': '中止日期',
  'input.resumedOn': '恢复日期',
  'input.summary': '情况摘要',
  amountRecovered: '追回金额',
  compensationRecovered: '加付赔偿金',
  workersPaid: '获偿人数',
  note: '说明',
  ofLeadId: '原线索',
  // union: relief fund, casework, mediation
  amount: '金额',
  fundRegionCode: '周转金所属地区',
  recoveryAgreementNo: '追偿委托协议编号',
  handler: '首问责任人',
  provider: '法律援助提供方',
  providedOn: '提供日期',
  amountAgreed: '约定金额',
  agreedPayBy: '约定支付期限',
  // litigation
  number: '支持起诉书文号',
  issuedOn: '出具日期',
  court: '受理法院',
  docketNo: '案号',
  filedOn: '立案日期',
  date: '开庭日期',
  courtRoom: '法庭',
  decidedOn: '裁判日期',
  totalAmount: '总金额',
  installments: '分期付款计划',
  'installments[].dueOn': '第{n}期应付日期',
  'installments[].amount': '第{n}期金额',
  jointlyLiable: '连带责任企业',
  'jointlyLiable[]': '第{n}家连带责任企业',
  'jointlyLiable[].name': '第{n}家连带责任企业名称',
  'jointlyLiable[].creditCode': '第{n}家连带责任企业统一社会信用代码',
  paidOn: '支付日期',
  // inspection
  payBy: '限期支付日期',
  policeUnit: '公安机关',
  decidedAt: '决定时间',
  ground: '提请列入情形',
  noticeOn: '告知日期',
  statedOn: '陈述申辩日期',
  statementOutcome: '陈述申辩处理结果',
  statement: '陈述申辩内容',
  decisionDate: '决定日期',
  arrearsPaidOn: '清偿欠薪日期',
  pledgeOn: '书面信用承诺日期',
  // inspection: the evidence checklist (第五十条)
  'input.item': '证据材料',
  'input.requestedOn': '要求提供日期',
  'input.receivedOn': '收到日期',
  // when an act happened (an act's date, as opposed to when it was entered)
  occurredAt: '发生时间',
  sentAt: '发送时间',
  'input.occurredAt': '发生时间',
  idNumber: '身份证号码',
  // evidence
  fileName: '文件名',
  documentDate: '材料日期',
  title: '材料名称',
  kind: '材料类别',
  containsPersonalData: '含个人信息',
  file: '文件',
  // reports
  month: '月份',
  weekStart: '周起始日',
  from: '起始日期',
  to: '截止日期',
  // webhook subscriptions
  url: '推送地址',
  eventKinds: '事件类型',
  purpose: '用途说明',
  // development sign-in
  identity: '开发身份',
};

/** A field path as a person reads it: its Chinese label, or the path itself in English. */
export function fieldLabel(path: string, lang: Language): string {
  if (lang === 'en') return path;
  const index = /\[(\d+)\]/.exec(path);
  const key = path.replace(/\[\d+\]/g, '[]');
  const label = FIELD_ZH[key] ?? FIELD_ZH[key.replace(/^(input|filter)\./, '')];
  if (!label) return path;
  return label.replace('{n}', index ? String(Number(index[1]) + 1) : '');
}

/** The employer's documents of the evidence checklist (《保障农民工工资支付条例》第五十条). */
export const EVIDENCE_ITEM_NAMES: Record<Language, Record<EvidenceItem, string>> = {
  zh: { LABOUR_CONTRACTS: '劳动合同', ROSTER: '花名册', PAYROLL_LEDGER: '工资台账', ATTENDANCE_RECORDS: '考勤记录' },
  en: { LABOUR_CONTRACTS: 'labour contracts', ROSTER: 'roster', PAYROLL_LEDGER: 'payroll ledger', ATTENDANCE_RECORDS: 'attendance records' },
};
