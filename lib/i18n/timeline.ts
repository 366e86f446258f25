/**
 * What a timeline entry says, in the reader's language, rendered from its event's facts. One
 * template per event kind and language; a test fails if a kind lacks either.
 */
import { formatFen } from '../money';
import type { EventFacts, EventKind } from '../vocabulary/events';
import { AGENCY_NAMES, TRANSFER_KIND_NAMES, actorLabel, type Lang } from './names';
import { CHANNEL_NAMES, CLOSURE_REASON_NAMES, EVIDENCE_ITEM_NAMES, EVIDENCE_KIND_NAMES } from './labels';
import type { ClosureReason, EvidenceItem, IntakeChannel } from '../domain/enums';

// Facts written before a code had a name show the code.
const channel = (lang: Lang, c: string) => CHANNEL_NAMES[lang][c as IntakeChannel] ?? c;
const closureReason = (lang: Lang, r: string) => CLOSURE_REASON_NAMES[lang][r as ClosureReason] ?? r;
const evidence = (lang: Lang, i: string) => EVIDENCE_ITEM_NAMES[lang][i as EvidenceItem] ?? i;

export interface TimelineFactsOf<K extends EventKind = EventKind> {
  kind: K;
  facts: EventFacts[K];
  text: Record<string, string>;
  agency: string;
  /** The actor's unit and name, as staff name each other (rendered by actorLabel). */
  actor: string;
}

/** A timeline entry as stored: its event and who acted. */
export interface TimelineEntryFacts {
  kind: EventKind;
  facts: Record<string, unknown>;
  text: Record<string, string>;
  agency: string;
  actor: { id: string; name?: string | null; agency: string; region?: string | null };
}

type Template<K extends EventKind> = (e: TimelineFactsOf<K>) => string;
type Templates = { [K in EventKind]: Template<K> };

const yuan = (fen: string | null | undefined) => formatFen(fen ?? '0');
const tail = (s: string | undefined, sep: string) => (s ? `${sep}${s}` : '');

const en: Templates = {
  LEAD_REPORTED: ({ facts: f, actor }) => `${actor} reported lead ${f.referenceNo} through ${channel('en', f.channel)}: ${f.workerCount} worker(s), ${yuan(f.amountOwedFen)} yuan owed`,
  MASS_CASE_FLAGGED: ({ facts: f, agency }) => `Mass case: ${f.workerCount} workers (50 or more); alert raised to ${AGENCY_NAMES.en[agency]} at province level (${f.province})`,
  MASS_CASE_ACKNOWLEDGED: ({ facts: f, actor }) => `${actor} acknowledged the mass-case alert at ${f.region}`,
  DUPLICATE_MARKED: ({ facts: f, actor }) =>
    f.original ? `${actor} marked ${f.otherReferenceNo} as a duplicate of this lead` : `${actor} marked this lead as a duplicate of ${f.otherReferenceNo}; open cases closed as DUPLICATE`,
  CASE_OPENED: ({ facts: f, agency, actor }) =>
    `${AGENCY_NAMES.en[agency]} ${{ ORIGINATED: 'opened its case on its own intake', PENDING_ACCEPTANCE: 'received the lead and must accept or return it', ACCEPTED: 'accepted the lead' }[f.transferState as string] ?? 'opened its case'}; first-contact handler ${actor}`,
  CASE_CLOSED: ({ facts: f, text, actor }) => `${actor} closed the case (${closureReason('en', f.reason)}); ${yuan(f.amountRecoveredFen)} yuan recovered, ${f.workersPaid} worker(s) paid${tail(text.note, ': ')}`,
  CASE_REOPENED: ({ text, actor }) => `${actor} reopened the case${tail(text.note, ': ')}`,
  TRANSFER_REQUESTED: ({ facts: f, text, actor }) =>
    `${actor}: ${TRANSFER_KIND_NAMES.en[f.kind]} from ${AGENCY_NAMES.en[f.from]} to ${AGENCY_NAMES.en[f.to]}${tail(text.reason, ': ')} (feedback due ${f.feedbackDueOn})`,
  TRANSFER_ACCEPTED: ({ facts: f, actor }) => `${actor} accepted the ${TRANSFER_KIND_NAMES.en[f.kind]} from ${AGENCY_NAMES.en[f.from]}`,
  TRANSFER_RETURNED: ({ facts: f, text, actor }) => `${actor} returned the lead to ${AGENCY_NAMES.en[f.from]} (退回)${tail(text.reason, ': ')}`,
  TRANSFER_CANCELLED: ({ facts: f, text, actor }) => `${actor} withdrew the transfer to ${AGENCY_NAMES.en[f.to]}${tail(text.reason, ': ')}`,
  FEEDBACK_INTERIM: ({ facts: f, text, actor }) =>
    `Interim feedback from ${actor} to ${AGENCY_NAMES.en[f.from]}${tail(text.summary, ': ')}${f.amountRecoveredFen !== null ? `; ${yuan(f.amountRecoveredFen)} yuan recovered` : ''}${f.workersPaid !== null ? `; ${f.workersPaid} worker(s) paid` : ''}`,
  FEEDBACK_FINAL: ({ facts: f, text, actor }) =>
    `Final feedback from ${actor} to ${AGENCY_NAMES.en[f.from]}${tail(text.summary, ': ')}${f.amountRecoveredFen !== null ? `; ${yuan(f.amountRecoveredFen)} yuan recovered` : ''}${f.workersPaid !== null ? `; ${f.workersPaid} worker(s) paid` : ''}`,
  HANDLER_REASSIGNED: ({ facts: f, text, actor }) => `${actor} changed the first-contact handler from ${f.from || '(none)'} to ${f.to}${tail(text.note, ': ')}`,
  LEGAL_AID_RECORDED: ({ facts: f, text }) => `Legal aid by ${text.provider ?? ''} on ${f.providedOn}${tail(text.note, ': ')}`,
  MEDIATION_RECORDED: ({ facts: f, text, actor }) =>
    `${actor} recorded a mediation: ${f.outcome}${f.amountAgreedFen !== null ? `, ${yuan(f.amountAgreedFen)} yuan to be paid by ${f.agreedPayBy}` : ''}${tail(text.summary, '. ')}`,
  FUND_DEPOSIT: ({ facts: f }) => `${yuan(f.amountFen)} yuan deposited; balance ${yuan(f.balanceFen)} yuan`,
  WAGE_ADVANCE_GRANTED: ({ facts: f, actor }) =>
    `${actor}: ${yuan(f.amountFen)} yuan advanced to ${f.workerCount} worker(s) from the ${f.fund} relief fund under recovery agreement ${f.recoveryAgreementNo}`,
  ADVANCE_RECOVERED: ({ facts: f }) => `${yuan(f.amountFen)} yuan recovered into the ${f.fund} relief fund (agreement ${f.recoveryAgreementNo})`,
  FIRST_CONTACT: ({ facts: f, text, actor }) => `${actor} contacted the complainant${f.late ? ' (after the day of arrival)' : ''}${tail(text.note, ': ')}`,
  PAYMENT_ORDER_ISSUED: ({ facts: f, actor }) => `${actor} issued a payment order: ${yuan(f.amountFen)} yuan to be paid by ${f.payBy}`,
  ORDER_PAYMENT: ({ facts: f }) => `${yuan(f.amountFen)} yuan paid on ${f.paidOn} against the order due ${f.payBy}; ${yuan(f.outstandingFen)} yuan still unpaid`,
  HANDOVER: ({ facts: f, text, actor }) => `${actor} handed the case over to ${{ LOCAL_GOVERNMENT: 'the local government', INDUSTRY_REGULATOR: 'the industry regulator', GENERAL_CONTRACTOR_HQ: "the general contractor's HQ" }[f.to]}${tail(text.note, ': ')}`,
  CALLBACK: ({ facts: f, text, actor }) => {
    const yn = (b: boolean) => (b ? 'yes' : 'no');
    return `${actor} called the complainant back: wages paid ${yn(f.wagesPaid)}, procedure lawful ${yn(f.procedureLawful)}, satisfied ${yn(f.satisfied)}${tail(text.note, '. ')}`;
  },
  POLICE_REFERRAL: ({ facts: f, text, actor }) => `${actor} referred the case to ${text.policeUnit ?? 'the police'} for suspected refusal to pay wages (decided ${f.decidedAt})`,
  BLACKLIST_PROPOSED: ({ facts: f, text, actor }) => `${actor} proposed the employer for the arrears blacklist until ${f.until}${tail(text.reason, ': ')}`,
  INVESTIGATION_EXTENDED: ({ facts: f, text, actor }) => `${actor} extended the investigation by 30 working days, now due ${f.dueOn}${tail(text.reason, ': ')}`,
  INVESTIGATION_SUSPENDED: ({ facts: f, text, actor }) => `${actor} suspended the investigation deadline from ${f.suspendedOn}${tail(text.reason, ': ')}`,
  INVESTIGATION_RESUMED: ({ facts: f, actor }) => `${actor} resumed the investigation deadline on ${f.resumedOn} (suspended since ${f.suspendedOn}, ${f.workingDays} working day(s)); now due ${f.dueOn}`,
  FEEDBACK_CLOCK_SUSPENDED: ({ facts: f, text, actor }) => `${actor} suspended the feedback deadline of the ${TRANSFER_KIND_NAMES.en[f.kind]} from ${AGENCY_NAMES.en[f.from]} from ${f.suspendedOn}${tail(text.reason, ': ')}`,
  FEEDBACK_CLOCK_RESUMED: ({ facts: f, actor }) =>
    `${actor} resumed the feedback deadline of the ${TRANSFER_KIND_NAMES.en[f.kind]} from ${AGENCY_NAMES.en[f.from]} on ${f.resumedOn} (suspended since ${f.suspendedOn}, ${f.workingDays} working day(s)); feedback now due ${f.feedbackDueOn}`,
  BLACKLIST_NOTIFIED: ({ facts: f, actor }) => `${actor} told the employer on ${f.noticeOn} that it is proposed for the arrears blacklist, and of its right to state its case`,
  BLACKLIST_STATEMENT_RECORDED: ({ facts: f, text, actor }) =>
    `${actor} recorded the employer's statement of ${f.statedOn}: ${{ ADOPTED: 'adopted', NOT_ADOPTED: 'not adopted', NONE_MADE: 'none made' }[f.outcome]}${tail(text.summary, ': ')}`,
  BLACKLIST_LISTED: ({ facts: f, text, actor }) => `${actor} decided on ${f.listedOn} to list the employer in the arrears blacklist until ${f.until}${tail(text.reason, ': ')}`,
  BLACKLIST_REJECTED: ({ facts: f, text, actor }) => `${actor} decided on ${f.decidedOn} not to list the employer in the arrears blacklist${tail(text.reason, ': ')}`,
  BLACKLIST_REMOVED_EARLY: ({ facts: f, text, actor }) =>
    `${actor} removed the employer from the arrears blacklist early on ${f.removedOn} (arrears paid ${f.arrearsPaidOn}, written pledge ${f.pledgeOn})${tail(text.note, ': ')}`,
  EVIDENCE_REQUESTED: ({ facts: f, actor }) => `${actor} asked the employer${f.again ? ' again' : ''} on ${f.requestedOn} to produce its ${evidence('en', f.item)} (Art. 50)`,
  EVIDENCE_RECEIVED: ({ facts: f, actor }) => `${actor} recorded the employer's ${evidence('en', f.item)} as received on ${f.receivedOn} (asked for on ${f.requestedOn})`,
  EVIDENCE_NOT_PROVIDED: ({ facts: f, text, actor }) => `${actor} recorded that the employer did not produce its ${evidence('en', f.item)} (asked for on ${f.requestedOn})${tail(text.note, ': ')}`,
  CLOSE_WITHOUT_LEDGER_REASONED: ({ text, actor }) => `${actor} recorded why the case may close without the payroll ledger${tail(text.reason, ': ')}`,
  SUPPORT_GRANTED: ({ text, actor }) => `${actor} decided to support the workers' lawsuit (支持起诉)${tail(text.reason, ': ')}`,
  SUPPORT_DECLINED: ({ text, actor }) => `${actor} declined to support the lawsuit${tail(text.reason, ': ')}`,
  SUPPORT_LETTER_ISSUED: ({ facts: f }) => `Letter of support ${f.letterNo} issued on ${f.issuedOn}`,
  COURT_FILED: ({ facts: f, text }) => `${text.court ?? 'The court'} filed the case ${f.docketNo} on ${f.filedOn}`,
  HEARING_SCHEDULED: ({ facts: f, text }) => `Hearing on ${f.date}${tail(text.courtRoom, ' in ')}${tail(text.note, ': ')}`,
  HEARING_HELD: ({ facts: f, text }) => `Hearing of ${f.date}${tail(text.note, ': ')}`,
  COURT_OUTCOME_RECORDED: ({ facts: f, text }) =>
    `Court outcome ${f.kind} on ${f.decidedOn}: ${yuan(f.totalFen)} yuan${f.installments ? ` in ${f.installments} installment(s) from ${f.firstDueOn} to ${f.lastDueOn}` : ''}${tail(text.jointlyLiable, '; jointly liable: ')}`,
  INSTALLMENT_PAID: ({ facts: f }) =>
    `${yuan(f.amountFen)} yuan paid on ${f.paidOn}; ${yuan(f.outstandingFen)} yuan outstanding${f.overdueInstallments ? `, ${f.overdueInstallments} installment(s) overdue` : ''}`,
  SETTLEMENT_PAID_OFF: ({ facts: f }) => `${yuan(f.amountFen)} yuan paid on ${f.paidOn}; the settlement is paid in full`,
  ENFORCEMENT_APPLIED: ({ facts: f, text }) => `Enforcement applied for: ${f.missedInstallments} installment(s) missed, ${yuan(f.overdueFen)} yuan overdue${tail(text.note, '. ')}`,
  DEAD_LETTER_APPLIED: ({ facts: f, actor }) => `${actor} applied the refused ${f.type} message (attempt ${f.attempts})`,
  DEAD_LETTER_REFUSED_AGAIN: ({ facts: f, actor }) => `${actor} retried the refused ${f.type} message; refused again (${f.reason})`,
  LEAD_IMPORT_STARTED: ({ facts: f, actor }) => `${actor} started importing a ${f.format.toUpperCase()} file of leads (SHA-256 ${f.digest})`,
  LEAD_IMPORT_FINISHED: ({ facts: f }) => `Import ended (${f.status}): ${f.rows} row(s), ${f.imported} imported, ${f.refused} refused, ${f.alreadyPresent} already there`,
  LEAD_IMPORT_CANCELLED: ({ facts: f, actor }) => `${actor} cancelled the import after ${f.rows} row(s), ${f.imported} imported`,
  EVIDENCE_ATTACHED: ({ facts: f, text, actor }) => `${actor} attached evidence: ${EVIDENCE_KIND_NAMES.en[f.kind] ?? f.kind}${tail(text.title, ' “')}${text.title ? '”' : ''} of ${f.documentDate}`,
  EVIDENCE_WITHDRAWN: ({ facts: f, text, actor }) => `${actor} withdrew evidence (${EVIDENCE_KIND_NAMES.en[f.kind] ?? f.kind}${tail(text.title, ' “')}${text.title ? '”' : ''})${tail(text.reason, ': ')}`,
  EVIDENCE_DOWNLOADED: ({ actor }) => `${actor} downloaded evidence`,
  WEBHOOK_SUBSCRIBED: ({ facts: f, actor }) => `${actor} subscribed ${f.origin} to ${f.eventKinds.length} event kind(s) in ${f.region}`,
  WEBHOOK_UPDATED: ({ facts: f, actor }) => `${actor} changed the webhook subscription to ${f.origin} (${f.eventKinds.length} event kind(s) in ${f.region})`,
  WEBHOOK_PAUSED: ({ facts: f, actor }) => (f.cause === 'FAILING' ? `The webhook subscription paused itself after ${f.consecutiveFailures} failed deliveries in a row` : `${actor} paused the webhook subscription`),
  WEBHOOK_RESUMED: ({ actor }) => `${actor} resumed the webhook subscription`,
  WEBHOOK_SECRET_ROTATED: ({ facts: f, actor }) => `${actor} rotated the webhook signing secret (version ${f.secretVersion})`,
  WEBHOOK_TEST_SENT: ({ actor }) => `${actor} sent a test event to the webhook`,
  TRANSFER_ESCALATED: ({ facts: f }) =>
    `The ${TRANSFER_KIND_NAMES.en[f.kind]} from ${AGENCY_NAMES.en[f.from]} was not accepted by ${AGENCY_NAMES.en[f.to]} within its acceptance deadline (${f.dueOn}); escalated to its supervisors and the sender`,
  FEEDBACK_ESCALATED: ({ facts: f }) =>
    `Feedback from ${AGENCY_NAMES.en[f.to]} on the ${TRANSFER_KIND_NAMES.en[f.kind]} from ${AGENCY_NAMES.en[f.from]} is ${f.workingDaysOverdue} working day(s) overdue (due ${f.dueOn}); escalated to its supervisors`,
  COMPLAINANT_NOTICE_SENT: ({ facts: f, actor }) => `${actor} sent the notice to complainant ${f.complainantOrdinal + 1} by ${f.channel === 'SMS' ? 'SMS' : 'letter'}`,
  COMPLAINANT_NOTICE_FAILED: ({ facts: f, actor }) => `${actor} could not deliver the notice to complainant ${f.complainantOrdinal + 1} (attempt ${f.attempts})`,
};

const HANDOVER_ZH = { LOCAL_GOVERNMENT: '属地政府', INDUSTRY_REGULATOR: '行业主管部门', GENERAL_CONTRACTOR_HQ: '总承包企业总部' } as const;
const OUTCOME_ZH = { SETTLED: '调解成功', PARTIAL: '部分达成', FAILED: '调解不成' } as const;
const COURT_OUTCOME_ZH = { MEDIATED: '调解结案', JUDGMENT: '判决', WITHDRAWN: '撤诉' } as const;
const yesNo = (b: boolean) => (b ? '是' : '否');

const zh: Templates = {
  LEAD_REPORTED: ({ facts: f, actor }) => `${actor}登记线索 ${f.referenceNo}（${channel('zh', f.channel)}）：${f.workerCount} 名劳动者，欠薪 ${yuan(f.amountOwedFen)} 元`,
  MASS_CASE_FLAGGED: ({ facts: f, agency }) => `群体性欠薪：${f.workerCount} 名劳动者（50 人以上），已向省级${AGENCY_NAMES.zh[agency]}预警（${f.province}）`,
  MASS_CASE_ACKNOWLEDGED: ({ facts: f, actor }) => `${actor}已确认群体性欠薪预警（${f.region}）`,
  DUPLICATE_MARKED: ({ facts: f, actor }) =>
    f.original ? `${actor}将线索 ${f.otherReferenceNo} 标记为本线索的重复线索` : `${actor}将本线索标记为 ${f.otherReferenceNo} 的重复线索，未结案件按重复线索结案`,
  CASE_OPENED: ({ facts: f, agency, actor }) =>
    `${AGENCY_NAMES.zh[agency]}${{ ORIGINATED: '受理本机构登记的线索并立案', PENDING_ACCEPTANCE: '收到移送的线索，待接收或退回', ACCEPTED: '已接收线索' }[f.transferState as string] ?? '立案'}；首问负责人 ${actor}`,
  CASE_CLOSED: ({ facts: f, text, actor }) => `${actor}结案（${closureReason('zh', f.reason)}）：追回 ${yuan(f.amountRecoveredFen)} 元，${f.workersPaid} 名劳动者获偿${tail(text.note, '。')}`,
  CASE_REOPENED: ({ text, actor }) => `${actor}重新开启案件${tail(text.note, '：')}`,
  TRANSFER_REQUESTED: ({ facts: f, text, actor }) =>
    `${actor}发起${TRANSFER_KIND_NAMES.zh[f.kind]}：${AGENCY_NAMES.zh[f.from]} → ${AGENCY_NAMES.zh[f.to]}${tail(text.reason, '，理由：')}（反馈期限 ${f.feedbackDueOn}）`,
  TRANSFER_ACCEPTED: ({ facts: f, actor }) => `${actor}接收了${AGENCY_NAMES.zh[f.from]}的${TRANSFER_KIND_NAMES.zh[f.kind]}`,
  TRANSFER_RETURNED: ({ facts: f, text, actor }) => `${actor}将线索退回${AGENCY_NAMES.zh[f.from]}${tail(text.reason, '，理由：')}`,
  TRANSFER_CANCELLED: ({ facts: f, text, actor }) => `${actor}撤回了移送${AGENCY_NAMES.zh[f.to]}的线索${tail(text.reason, '，理由：')}`,
  FEEDBACK_INTERIM: ({ facts: f, text, actor }) =>
    `${actor}向${AGENCY_NAMES.zh[f.from]}作出阶段反馈${tail(text.summary, '，内容：')}${f.amountRecoveredFen !== null ? `；追回 ${yuan(f.amountRecoveredFen)} 元` : ''}${f.workersPaid !== null ? `；${f.workersPaid} 名劳动者获偿` : ''}`,
  FEEDBACK_FINAL: ({ facts: f, text, actor }) =>
    `${actor}向${AGENCY_NAMES.zh[f.from]}作出最终反馈${tail(text.summary, '，内容：')}${f.amountRecoveredFen !== null ? `；追回 ${yuan(f.amountRecoveredFen)} 元` : ''}${f.workersPaid !== null ? `；${f.workersPaid} 名劳动者获偿` : ''}`,
  HANDLER_REASSIGNED: ({ facts: f, text, actor }) => `${actor}将首问负责人由${f.from ? `编号 ${f.from} 的工作人员` : '（无）'}改为编号 ${f.to} 的工作人员${tail(text.note, '：')}`,
  LEGAL_AID_RECORDED: ({ facts: f, text }) => `${f.providedOn} ${text.provider ?? ''}提供法律援助${tail(text.note, '：')}`,
  MEDIATION_RECORDED: ({ facts: f, text, actor }) =>
    `${actor}记录调解：${OUTCOME_ZH[f.outcome]}${f.amountAgreedFen !== null ? `，约定 ${f.agreedPayBy} 前支付 ${yuan(f.amountAgreedFen)} 元` : ''}${tail(text.summary, '。')}`,
  FUND_DEPOSIT: ({ facts: f }) => `应急周转金存入 ${yuan(f.amountFen)} 元，余额 ${yuan(f.balanceFen)} 元`,
  WAGE_ADVANCE_GRANTED: ({ facts: f, actor }) => `${actor}从 ${f.fund} 应急周转金为 ${f.workerCount} 名劳动者垫付 ${yuan(f.amountFen)} 元（追偿协议 ${f.recoveryAgreementNo}）`,
  ADVANCE_RECOVERED: ({ facts: f }) => `追回 ${yuan(f.amountFen)} 元，归还 ${f.fund} 应急周转金（协议 ${f.recoveryAgreementNo}）`,
  FIRST_CONTACT: ({ facts: f, text, actor }) => `${actor}已联系投诉人${f.late ? '（晚于线索到达当日）' : ''}${tail(text.note, '：')}`,
  PAYMENT_ORDER_ISSUED: ({ facts: f, actor }) => `${actor}下达责令限期支付：${f.payBy} 前支付 ${yuan(f.amountFen)} 元`,
  ORDER_PAYMENT: ({ facts: f }) => `${f.paidOn} 支付 ${yuan(f.amountFen)} 元（限期 ${f.payBy}），尚欠 ${yuan(f.outstandingFen)} 元`,
  HANDOVER: ({ facts: f, text, actor }) => `${actor}交办${HANDOVER_ZH[f.to]}${tail(text.note, '：')}`,
  CALLBACK: ({ facts: f, text, actor }) =>
    `${actor}回头看：工资已付 ${yesNo(f.wagesPaid)}，程序合法 ${yesNo(f.procedureLawful)}，满意 ${yesNo(f.satisfied)}${tail(text.note, '。')}`,
  POLICE_REFERRAL: ({ facts: f, text, actor }) => `${actor}以涉嫌拒不支付劳动报酬罪移送${text.policeUnit ?? '公安机关'}（决定于 ${f.decidedAt}）`,
  BLACKLIST_PROPOSED: ({ facts: f, text, actor }) => `${actor}提请将用人单位列入拖欠工资失信名单至 ${f.until}${tail(text.reason, '：')}`,
  INVESTIGATION_EXTENDED: ({ facts: f, text, actor }) => `${actor}延长调查 30 个工作日，期限至 ${f.dueOn}${tail(text.reason, '：')}`,
  INVESTIGATION_SUSPENDED: ({ facts: f, text, actor }) => `${actor}中止调查期限，自 ${f.suspendedOn} 起${tail(text.reason, '，原因：')}`,
  INVESTIGATION_RESUMED: ({ facts: f, actor }) => `${actor}于 ${f.resumedOn} 恢复调查期限（自 ${f.suspendedOn} 起中止 ${f.workingDays} 个工作日），期限至 ${f.dueOn}`,
  FEEDBACK_CLOCK_SUSPENDED: ({ facts: f, text, actor }) => `${actor}中止${AGENCY_NAMES.zh[f.from]}${TRANSFER_KIND_NAMES.zh[f.kind]}的反馈期限，自 ${f.suspendedOn} 起${tail(text.reason, '，原因：')}`,
  FEEDBACK_CLOCK_RESUMED: ({ facts: f, actor }) =>
    `${actor}于 ${f.resumedOn} 恢复${AGENCY_NAMES.zh[f.from]}${TRANSFER_KIND_NAMES.zh[f.kind]}的反馈期限（自 ${f.suspendedOn} 起中止 ${f.workingDays} 个工作日），反馈期限至 ${f.feedbackDueOn}`,
  BLACKLIST_NOTIFIED: ({ facts: f, actor }) => `${actor}于 ${f.noticeOn} 告知用人单位拟列入拖欠农民工工资失信联合惩戒对象名单及其陈述、申辩权利`,
  BLACKLIST_STATEMENT_RECORDED: ({ facts: f, text, actor }) =>
    `${actor}记录用人单位 ${f.statedOn} 的陈述申辩：${{ ADOPTED: '予以采纳', NOT_ADOPTED: '不予采纳', NONE_MADE: '未提出陈述申辩' }[f.outcome]}${tail(text.summary, '：')}`,
  BLACKLIST_LISTED: ({ facts: f, text, actor }) => `${actor}于 ${f.listedOn} 决定将用人单位列入拖欠农民工工资失信联合惩戒对象名单，至 ${f.until}${tail(text.reason, '：')}`,
  BLACKLIST_REJECTED: ({ facts: f, text, actor }) => `${actor}于 ${f.decidedOn} 决定不将用人单位列入失信联合惩戒对象名单${tail(text.reason, '：')}`,
  BLACKLIST_REMOVED_EARLY: ({ facts: f, text, actor }) =>
    `${actor}于 ${f.removedOn} 将用人单位提前移出失信联合惩戒对象名单（${f.arrearsPaidOn} 已清偿欠薪，${f.pledgeOn} 作出书面信用承诺）${tail(text.note, '：')}`,
  EVIDENCE_REQUESTED: ({ facts: f, actor }) => `${actor}于 ${f.requestedOn} ${f.again ? '再次' : ''}要求用人单位提供${evidence('zh', f.item)}（第五十条）`,
  EVIDENCE_RECEIVED: ({ facts: f, actor }) => `${actor}登记：${f.receivedOn} 收到用人单位提供的${evidence('zh', f.item)}（${f.requestedOn} 要求提供）`,
  EVIDENCE_NOT_PROVIDED: ({ facts: f, text, actor }) => `${actor}登记：用人单位未提供${evidence('zh', f.item)}（${f.requestedOn} 要求提供）${tail(text.note, '：')}`,
  CLOSE_WITHOUT_LEDGER_REASONED: ({ text, actor }) => `${actor}登记无工资台账结案的理由${tail(text.reason, '：')}`,
  SUPPORT_GRANTED: ({ text, actor }) => `${actor}决定支持劳动者起诉${tail(text.reason, '：')}`,
  SUPPORT_DECLINED: ({ text, actor }) => `${actor}决定不予支持起诉${tail(text.reason, '：')}`,
  SUPPORT_LETTER_ISSUED: ({ facts: f }) => `${f.issuedOn} 出具支持起诉书 ${f.letterNo}`,
  COURT_FILED: ({ facts: f, text }) => `${text.court ?? '法院'}于 ${f.filedOn} 立案，案号 ${f.docketNo}`,
  HEARING_SCHEDULED: ({ facts: f, text }) => `${f.date} 开庭${tail(text.courtRoom, '，')}${tail(text.note, '：')}`,
  HEARING_HELD: ({ facts: f, text }) => `${f.date} 庭审${tail(text.note, '：')}`,
  COURT_OUTCOME_RECORDED: ({ facts: f, text }) =>
    `${f.decidedOn} ${COURT_OUTCOME_ZH[f.kind]}：${yuan(f.totalFen)} 元${f.installments ? `，分 ${f.installments} 期（${f.firstDueOn} 至 ${f.lastDueOn}）` : ''}${tail(text.jointlyLiable, '；连带责任：')}`,
  INSTALLMENT_PAID: ({ facts: f }) => `${f.paidOn} 支付 ${yuan(f.amountFen)} 元，尚欠 ${yuan(f.outstandingFen)} 元${f.overdueInstallments ? `，${f.overdueInstallments} 期逾期` : ''}`,
  SETTLEMENT_PAID_OFF: ({ facts: f }) => `${f.paidOn} 支付 ${yuan(f.amountFen)} 元，已全部付清`,
  ENFORCEMENT_APPLIED: ({ facts: f, text }) => `申请强制执行：${f.missedInstallments} 期未付，逾期 ${yuan(f.overdueFen)} 元${tail(text.note, '。')}`,
  DEAD_LETTER_APPLIED: ({ facts: f, actor }) => `${actor}重新处理被拒收的 ${f.type} 消息（第 ${f.attempts} 次），已处理`,
  DEAD_LETTER_REFUSED_AGAIN: ({ facts: f, actor }) => `${actor}重新处理被拒收的 ${f.type} 消息，仍被拒收（${f.reason}）`,
  LEAD_IMPORT_STARTED: ({ facts: f, actor }) => `${actor}开始批量导入线索（${f.format.toUpperCase()} 文件，SHA-256 ${f.digest}）`,
  LEAD_IMPORT_FINISHED: ({ facts: f }) => `批量导入结束：共 ${f.rows} 行，导入 ${f.imported} 条，拒绝 ${f.refused} 行，已存在 ${f.alreadyPresent} 行`,
  LEAD_IMPORT_CANCELLED: ({ facts: f, actor }) => `${actor}取消了批量导入：已处理 ${f.rows} 行，导入 ${f.imported} 条`,
  EVIDENCE_ATTACHED: ({ facts: f, text, actor }) => `${actor}上传了证据材料：${EVIDENCE_KIND_NAMES.zh[f.kind] ?? f.kind}${tail(text.title, '《')}${text.title ? '》' : ''}（${f.documentDate}）`,
  EVIDENCE_WITHDRAWN: ({ facts: f, text, actor }) => `${actor}撤回了证据材料${EVIDENCE_KIND_NAMES.zh[f.kind] ?? f.kind}${tail(text.title, '《')}${text.title ? '》' : ''}${tail(text.reason, '，理由：')}`,
  EVIDENCE_DOWNLOADED: ({ actor }) => `${actor}下载了证据材料`,
  WEBHOOK_SUBSCRIBED: ({ facts: f, actor }) => `${actor}为 ${f.origin} 订阅了 ${f.region} 的 ${f.eventKinds.length} 类事件推送`,
  WEBHOOK_UPDATED: ({ facts: f, actor }) => `${actor}修改了推送订阅 ${f.origin}（${f.region} 的 ${f.eventKinds.length} 类事件）`,
  WEBHOOK_PAUSED: ({ facts: f, actor }) => (f.cause === 'FAILING' ? `推送订阅连续 ${f.consecutiveFailures} 次推送失败，已自动暂停` : `${actor}暂停了推送订阅`),
  WEBHOOK_RESUMED: ({ actor }) => `${actor}恢复了推送订阅`,
  WEBHOOK_SECRET_ROTATED: ({ facts: f, actor }) => `${actor}更换了推送签名密钥（第 ${f.secretVersion} 版）`,
  WEBHOOK_TEST_SENT: ({ actor }) => `${actor}发送了一条推送测试事件`,
  TRANSFER_ESCALATED: ({ facts: f }) =>
    `${AGENCY_NAMES.zh[f.from]}的${TRANSFER_KIND_NAMES.zh[f.kind]}超过受理期限（${f.dueOn}）仍未被${AGENCY_NAMES.zh[f.to]}接收，已提醒其主管人员和移送方`,
  FEEDBACK_ESCALATED: ({ facts: f }) =>
    `${AGENCY_NAMES.zh[f.to]}对${AGENCY_NAMES.zh[f.from]}${TRANSFER_KIND_NAMES.zh[f.kind]}的反馈已逾期 ${f.workingDaysOverdue} 个工作日（期限 ${f.dueOn}），已提醒其主管人员`,
  COMPLAINANT_NOTICE_SENT: ({ facts: f, actor }) => `${actor}已向第 ${f.complainantOrdinal + 1} 位投诉人发出告知${f.channel === 'SMS' ? '短信' : '信函'}`,
  COMPLAINANT_NOTICE_FAILED: ({ facts: f, actor }) => `${actor}未能送达第 ${f.complainantOrdinal + 1} 位投诉人的告知（第 ${f.attempts} 次）`,
};

export const TIMELINE_TEMPLATES: Record<Lang, Templates> = { en, zh };

export function renderTimeline(e: TimelineEntryFacts, lang: Lang): string {
  const template = TIMELINE_TEMPLATES[lang][e.kind] as Template<EventKind>;
  const text = template({ kind: e.kind, facts: e.facts as never, text: e.text, agency: e.agency, actor: actorLabel(e.actor, lang) });
  return lang === 'en' ? text.charAt(0).toUpperCase() + text.slice(1) : text;
}
