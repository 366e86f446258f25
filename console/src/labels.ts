import { CHANNEL_NAMES, CLOSURE_REASON_NAMES, EVIDENCE_KIND_NAMES, OUTCOME_ZH } from '../../lib/i18n/labels';
import type { Agency, ClosureReason, EvidenceKind, ImportRowOutcome, LeadImportStatus, CourtOutcomeKind, ClosureState, FeedbackState, HandoverTarget, Industry, IntakeChannel, LeadOrder, MediationOutcome, Role, SearchKind, TransferKind, TransferState, TransferStatus, WatchRisk, WatchSignalKind, BlacklistGround, BlacklistStatementOutcome, BlacklistStatus } from '../../client';
import type { PersonalDataField } from '../../client';
import type { EventKind } from '../../lib/vocabulary';

/** The words staff use (DOMAIN.md), for every code the API answers with. */
export const AGENCY: Record<Agency, string> = { UNION: '工会', INSPECTION: '劳动保障监察', PROCURATORATE: '检察院', COURT: '法院' };
/** Kinds of evidence (证据材料). */
export const EVIDENCE_KIND = EVIDENCE_KIND_NAMES.zh as Record<EvidenceKind, string>;
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
/** 调解结果, from the catalogue the timeline uses. */
export const MEDIATION_OUTCOME: Record<MediationOutcome, string> = { SETTLED: OUTCOME_ZH.SETTLED, PARTIAL: OUTCOME_ZH.PARTIAL, FAILED: OUTCOME_ZH.FAILED };
export const ROLE: Record<Role, string> = { INTAKE: '受理', HANDLER: '办案', SUPERVISOR: '主管', VIEWER: '查看', NOTIFIER: '告知服务' };
/** 三交办: to whom labour inspection hands a case over. */
export const HANDOVER_TARGET: Record<HandoverTarget, string> = { LOCAL_GOVERNMENT: '属地政府', INDUSTRY_REGULATOR: '行业主管部门', GENERAL_CONTRACTOR_HQ: '总承包企业总部' };

/** Which transfer kinds an agency may send, and to whom (docs/rules.md: Transfers). */
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
/** An act entered after the fact: when it happened, and when it was entered if that was later. */
export const whenEntered = (occurred: string, recorded: string) =>
  Date.parse(recorded) - Date.parse(occurred) > 60_000 ? `${when(occurred)}（${when(recorded)} 补录）` : when(occurred);

/** Audit actions and timeline kinds (the same event names), as staff name them. */
export const EVENT_KIND: Record<EventKind, string> = {
  LEAD_REPORTED: '登记线索',
  MASS_CASE_FLAGGED: '标记群体性欠薪',
  MASS_CASE_ACKNOWLEDGED: '确认群体性欠薪预警',
  DUPLICATE_MARKED: '标记重复线索',
  CASE_OPENED: '立案',
  CASE_CLOSED: '结案',
  CASE_REOPENED: '重新开启案件',
  TRANSFER_REQUESTED: '发起移送',
  TRANSFER_ACCEPTED: '接收移送',
  TRANSFER_RETURNED: '退回移送',
  TRANSFER_CANCELLED: '撤回移送',
  FEEDBACK_INTERIM: '阶段反馈',
  FEEDBACK_FINAL: '最终反馈',
  HANDLER_REASSIGNED: '更换首问负责人',
  LEGAL_AID_RECORDED: '记录法律援助',
  MEDIATION_RECORDED: '记录调解',
  FUND_DEPOSIT: '应急周转金入账',
  WAGE_ADVANCE_GRANTED: '垫付工资',
  ADVANCE_RECOVERED: '追回垫付款',
  FIRST_CONTACT: '首次联系投诉人',
  PAYMENT_ORDER_ISSUED: '下达限期支付令',
  ORDER_PAYMENT: '记录支付令付款',
  HANDOVER: '移交',
  CALLBACK: '回头看',
  POLICE_REFERRAL: '移送公安',
  BLACKLIST_PROPOSED: '提请列入失信名单',
  BLACKLIST_NOTIFIED: '告知拟列入失信名单',
  BLACKLIST_STATEMENT_RECORDED: '记录陈述申辩',
  BLACKLIST_LISTED: '列入失信名单',
  BLACKLIST_REJECTED: '决定不予列入失信名单',
  BLACKLIST_REMOVED_EARLY: '提前移出失信名单',
  INVESTIGATION_EXTENDED: '延长调查期限',
  INVESTIGATION_SUSPENDED: '中止调查期限',
  INVESTIGATION_RESUMED: '恢复调查期限',
  FEEDBACK_CLOCK_SUSPENDED: '中止反馈期限',
  FEEDBACK_CLOCK_RESUMED: '恢复反馈期限',
  SUPPORT_GRANTED: '决定支持起诉',
  SUPPORT_DECLINED: '决定不支持起诉',
  SUPPORT_LETTER_ISSUED: '出具支持起诉书',
  COURT_FILED: '立案受理',
  HEARING_SCHEDULED: '安排开庭',
  HEARING_HELD: '开庭',
  COURT_OUTCOME_RECORDED: '记录裁判结果',
  INSTALLMENT_PAID: '分期付款到账',
  SETTLEMENT_PAID_OFF: '调解款付清',
  ENFORCEMENT_APPLIED: '申请强制执行',
  DEAD_LETTER_APPLIED: '补办积压消息',
  DEAD_LETTER_REFUSED_AGAIN: '积压消息再次被拒',
  LEAD_IMPORT_STARTED: '开始批量导入线索',
  LEAD_IMPORT_FINISHED: '批量导入结束',
  LEAD_IMPORT_CANCELLED: '取消批量导入',
  EVIDENCE_REQUESTED: '要求用人单位提供材料',
  EVIDENCE_RECEIVED: '收到用人单位提供的材料',
  EVIDENCE_NOT_PROVIDED: '用人单位未提供材料',
  CLOSE_WITHOUT_LEDGER_REASONED: '登记无工资台账结案的理由',
  EVIDENCE_ATTACHED: '上传证据材料',
  EVIDENCE_WITHDRAWN: '撤回证据材料',
  EVIDENCE_DOWNLOADED: '下载证据材料',
  WEBHOOK_SUBSCRIBED: '订阅推送',
  WEBHOOK_UPDATED: '修改推送订阅',
  WEBHOOK_PAUSED: '暂停推送订阅',
  WEBHOOK_RESUMED: '恢复推送订阅',
  WEBHOOK_SECRET_ROTATED: '更换推送签名密钥',
  WEBHOOK_TEST_SENT: '发送推送测试事件',
  TRANSFER_ESCALATED: '超过受理期限，已提醒主管',
  FEEDBACK_ESCALATED: '反馈逾期，已提醒主管',
  COMPLAINANT_NOTICE_SENT: '告知已发出',
  COMPLAINANT_NOTICE_FAILED: '告知未送达',
};
/** What an audit entry changed. */
export const ENTITY_TYPE: Record<string, string> = {
  Lead: '线索',
  Transfer: '移送',
  Evidence: '证据材料',
  MassCaseAlert: '群体性欠薪预警',
  UnionCase: '工会案件',
  InspectionCase: '劳动监察案件',
  SupportCase: '支持起诉案件',
  WageAdvance: '工资垫付',
  ReliefFund: '应急周转金',
  WebhookSubscription: '推送订阅',
};
export const WATCH_RISK: Record<WatchRisk, string> = { EXPLICIT: '显性风险', LATENT: '隐性风险' };
export const WATCH_SIGNAL: Record<WatchSignalKind, string> = {
  BROKEN_MEDIATION: '调解协议逾期未履行',
  MASS_CASE: '群体性欠薪',
  MISSED_INSTALLMENT: '分期付款逾期',
  OVERDUE_PAYMENT_ORDER: '限期支付令逾期',
  REPEATED_LEADS: '多次被投诉',
  BLACKLISTED: '列入失信联合惩戒名单',
};

/** 裁判结果 (the court's outcome), as the litigation panel names it. */
export const COURT_OUTCOME_KIND: Record<CourtOutcomeKind, string> = { JUDGMENT: '判决', MEDIATED: '调解结案', WITHDRAWN: '撤诉' };
/** The procuratorate's decision on an application for support to sue. */
export const SUPPORT_DECISION = { yes: '支持起诉', no: '不支持起诉' } as const;

/** 批量导入: an import's state and what became of a row. */
export const IMPORT_STATUS: Record<LeadImportStatus, string> = {
  UPLOADED: '已上传，未开始',
  QUEUED: '排队中',
  RUNNING: '导入中',
  DONE: '已完成',
  REFUSED: '未导入',
  CANCELLED: '已取消',
  FAILED: '失败',
};
export const IMPORT_ROW_OUTCOME: Record<ImportRowOutcome, string> = { REFUSED: '被拒绝', ALREADY_PRESENT: '已存在', POSSIBLE_DUPLICATE: '可能重复' };
/** An uploaded file as staff recognise it: its name, and its kind in words rather than an extension. */
export function fileLabel(name: string): string {
  const kind = /\.xlsx$/i.test(name) ? '电子表格' : /\.csv$/i.test(name) ? '逗号分隔文件' : undefined;
  return kind ? `${name.replace(/\.(xlsx|csv)$/i, '')}（${kind}）` : name;
}

/** How the hub took a search box's text (the API's search.kind), said as "按…". */
export const SEARCH_KIND: Record<SearchKind, string> = {
  REFERENCE: '按线索编号',
  CREDIT_CODE: '按统一社会信用代码',
  ID_NUMBER: '按身份证号',
  PHONE: '按联系电话',
  NAME: '按姓名或单位名称开头',
};
export const LEAD_ORDER: Record<LeadOrder, string> = {
  RECEIVED_DESC: '最新受理在前',
  RECEIVED_ASC: '最早受理在前',
  AMOUNT_DESC: '欠薪金额从高到低',
  WORKERS_DESC: '涉及人数从多到少',
  DEADLINE_ASC: '最近期限在前',
};

/** What a search found, said with what it was taken for: "按身份证号“1404**********1234”搜索，找到 2 条线索". */
export function searchOutcome(kind: SearchKind, term: string, count: number): string {
  const asked = `${SEARCH_KIND[kind]}“${term}”搜索`;
  if (count > 0) return `${asked}，找到 ${count} 条线索`;
  const personal = kind === 'ID_NUMBER' || kind === 'PHONE';
  return `${asked}，没有找到线索。${personal ? '身份证号和联系电话须完整输入，且只在本单位持有的线索中查找。' : kind === 'NAME' ? '姓名和单位名称按开头查找，可少输几个字再试。' : '请核对后再试。'}`;
}

/** The blacklist procedure (失信联合惩戒名单), as labour inspection's panel names its steps. */
export const BLACKLIST_STATUS: Record<BlacklistStatus, string> = {
  PROPOSED: '已提请，待告知用人单位',
  NOTIFIED: '已告知，待记录陈述申辩',
  HEARD: '已陈述申辩，待主管决定',
  LISTED: '已列入',
  REJECTED: '决定不予列入',
  REMOVED_EARLY: '已提前移出',
  EXPIRED: '列入期满',
};
export const BLACKLIST_GROUND: Record<BlacklistGround, string> = {
  CRIMINAL_THRESHOLD: '欠薪数额达到拒不支付劳动报酬罪数额标准',
  MASS_INCIDENT: '因欠薪引发群体性事件、极端事件',
};
export const STATEMENT_OUTCOME: Record<BlacklistStatementOutcome, string> = { ADOPTED: '予以采纳', NOT_ADOPTED: '不予采纳', NONE_MADE: '未提出陈述申辩' };

/** The services' messages to each other, as a supervisor resolving a refused one reads them. */
export const MESSAGE_TYPE: Record<string, string> = {
  CaseOpened: '开立办理案件',
  TimelineEvent: '办理动态',
  AgencyStatesChanged: '办理状态变化',
  CaseClosed: '结案',
  CaseReopened: '重新办理',
  TransferFeedback: '移送反馈',
  JointLiabilityRecorded: '连带责任认定',
  RiskSignal: '风险信号',
  BlacklistListing: '失信联合惩戒名单',
};
/** Which part of the hub sent or refused a message. */
export const SERVICE: Record<string, string> = { leads: '线索登记', union: '工会', inspection: '劳动保障监察', litigation: '检察院与法院' };

/** What a person's record of sightings says was seen (个人信息查阅记录). */
export const PERSONAL_DATA_FIELD: Record<PersonalDataField, string> = { ID_NUMBER: '身份证号码', PHONE: '联系电话', EVIDENCE_FILE: '含个人信息的证据材料' };
/** Where it was seen: the API field it was answered through. */
export const PERSONAL_DATA_VIA: Record<string, string> = {
  lead: '查看线索',
  leads: '线索列表或搜索',
  reportLead: '登记线索',
  leadListExport: '导出线索列表',
  evidenceDownload: '下载证据材料',
};
