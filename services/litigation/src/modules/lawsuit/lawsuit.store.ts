import { randomUUID } from 'node:crypto';
import { LockMode } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { CommandContext, Outgoing } from '../../../../../lib/command/handler';
import { caseNotFound, handleAgencyCommand, lockAgencyCase, mayActOnCases, type CaseAccess } from '../../../../../lib/agency-case/case-access';
import { isUuid } from '../../../../../lib/identifiers';
import { JOINT_LIABILITY_RECORDED, RISK_SIGNAL, TRANSFER_FEEDBACK, type JointLiabilityRecorded, type RiskSignal, type TransferFeedback } from '../../../../../lib/messages';
import { SupportCaseRecord } from '../support-case/support-case.entity';
import { CourtCaseRecord } from '../court-case/court-case.entity';
import { HearingRecord, InstallmentPaymentRecord, InstallmentRecord, LawsuitRecord, LiablePartyRecord } from './lawsuit.entity';
import { installmentNow, lawsuitNow } from './lawsuit.type';
import { COURT_EVENTS, decideLawsuit } from './lawsuit.rules';
import type { LawsuitCommand, LawsuitEvent, LawsuitState } from './lawsuit.commands';

interface Loaded extends LawsuitState {
  supportRecord: SupportCaseRecord;
  lawsuitRecord: LawsuitRecord | null;
  hearingRecord?: HearingRecord;
  installmentRecords: InstallmentRecord[];
}

/**
 * Who may act, and what the caller is told when what they named is not there for them: court
 * events are the court's or the supporting procuratorate's; a hearing or an installment on a case
 * the caller cannot see is answered as one that does not exist (no existence oracle).
 */
function accessFor(cmd: LawsuitCommand): CaseAccess {
  const notFound = cmd.type === 'recordHearingResult' ? 'HEARING_NOT_FOUND' : cmd.type === 'recordInstallmentPayment' ? 'INSTALLMENT_NOT_FOUND' : undefined;
  return COURT_EVENTS.has(cmd.type) ? { actors: ['PROCURATORATE', 'COURT'], notFound } : { notFound };
}

/** A command naming a hearing or an installment is about that row's lead; who may act is decided before the lookup. */
async function leadOf(em: EntityManager, leadId: string | null, cmd: LawsuitCommand, access: CaseAccess): Promise<string> {
  mayActOnCases(cmd.by, 'PROCURATORATE', access);
  if (cmd.type === 'recordHearingResult') {
    const h = isUuid(cmd.hearingId) ? await em.findOne(HearingRecord, { id: cmd.hearingId }) : null;
    if (!h) throw caseNotFound('PROCURATORATE', access);
    return h.leadId;
  }
  if (cmd.type === 'recordInstallmentPayment') {
    const i = isUuid(cmd.installmentId) ? await em.findOne(InstallmentRecord, { id: cmd.installmentId }) : null;
    if (!i) throw caseNotFound('PROCURATORATE', access);
    return i.leadId;
  }
  return leadId!;
}

/** Every change to a support case or its lawsuit locks the support case row first: one writer at a time. */
async function load(em: EntityManager, leadId: string | null, cmd: LawsuitCommand): Promise<Loaded> {
  const access = accessFor(cmd);
  const id = await leadOf(em, leadId, cmd, access);
  const supportRecord = await lockAgencyCase(em, SupportCaseRecord, id, cmd.by, 'PROCURATORATE', access);
  const lawsuitRecord = await em.findOne(LawsuitRecord, { leadId: id }, { refresh: true });
  const court = cmd.by.agency === 'COURT' ? await em.findOne(CourtCaseRecord, { leadId: id }, { refresh: true }) : null;
  // A court not on the lead cannot see it: answered as if there were nothing.
  if (cmd.by.agency === 'COURT' && !court) throw caseNotFound('PROCURATORATE', access);
  const hearingRecord = cmd.type === 'recordHearingResult' ? await em.findOneOrFail(HearingRecord, { id: cmd.hearingId }, { refresh: true }) : undefined;
  const installmentRecords =
    cmd.type === 'recordInstallmentPayment' || cmd.type === 'applyForEnforcement'
      ? await em.find(InstallmentRecord, { leadId: id }, { refresh: true, orderBy: { seq: 'asc' }, ...(cmd.type === 'recordInstallmentPayment' ? { lockMode: LockMode.PESSIMISTIC_WRITE } : {}) })
      : [];
  return {
    leadId: id,
    support: supportRecord,
    lawsuit: lawsuitNow(lawsuitRecord),
    court,
    hearing: hearingRecord,
    installments: installmentRecords.map(installmentNow),
    newIds: { outcome: randomUUID(), payment: randomUUID() },
    supportRecord,
    lawsuitRecord,
    hearingRecord,
    installmentRecords,
  };
}

/** Tells the registry what is still unpaid on an installment, for the employer watch list. */
const installmentSignal = (i: InstallmentRecord): Outgoing => {
  const signal: RiskSignal = { kind: 'INSTALLMENT', key: i.id, leadId: i.leadId, dueOn: i.dueOn, outstandingFen: (BigInt(i.amountFen) - BigInt(i.paidFen)).toString() };
  return { to: 'leads', type: RISK_SIGNAL, payload: signal };
};

/** Runs a support-case or lawsuit command; `leadId` is null when the command names a hearing or an installment. */
export function runLawsuit(ctx: CommandContext, leadId: string | null, command: LawsuitCommand): Promise<string> {
  const by = command.by;
  const at = command.at;
  const touched: InstallmentRecord[] = [];
  return handleAgencyCommand(ctx, {
    command,
    load: (tx) => load(tx.em, leadId, command),
    decide: decideLawsuit,
    apply(tx, s, e: LawsuitEvent) {
      const id = s.leadId;
      switch (e.kind) {
        case 'SUPPORT_GRANTED':
        case 'SUPPORT_DECLINED':
          Object.assign(s.supportRecord, { decisionSupported: e.facts.supported, decisionReason: e.text!.reason, decidedAt: new Date(e.facts.occurredAt ?? at), decisionRecordedAt: at, decidedBy: by.id });
          break;
        case 'SUPPORT_LETTER_ISSUED':
          Object.assign(s.supportRecord, { letterNo: e.facts.letterNo, letterIssuedOn: e.facts.issuedOn, letterRecordedAt: at });
          break;
        case 'COURT_FILED':
          tx.em.persist(tx.em.create(LawsuitRecord, { leadId: id, court: e.text!.court, docketNo: e.facts.docketNo, filedOn: e.facts.filedOn, filedBy: by.id, filedRecordedAt: at }));
          break;
        case 'HEARING_SCHEDULED':
          tx.em.persist(tx.em.create(HearingRecord, { leadId: id, date: e.facts.date, courtRoom: e.text!.courtRoom, note: e.text!.note, scheduledAt: new Date(e.facts.occurredAt ?? at), scheduleRecordedAt: at, scheduledBy: by.id }));
          break;
        case 'HEARING_HELD':
          Object.assign(s.hearingRecord!, { outcomeNote: e.text!.note, outcomeRecordedAt: at, outcomeOccurredAt: new Date(e.facts.occurredAt ?? at) });
          break;
        case 'COURT_OUTCOME_RECORDED': {
          const d = e.outcome;
          Object.assign(s.lawsuitRecord!, { outcomeId: e.outcomeId, outcomeKind: d.kind, decidedOn: d.decidedOn, totalFen: d.totalFen.toString(), outcomeRecordedAt: at, outcomeRecordedBy: by.id });
          for (const i of d.installments) {
            const installment = tx.em.create(InstallmentRecord, { leadId: id, seq: i.seq, dueOn: i.dueOn, amountFen: i.amountFen.toString(), paidFen: '0' });
            tx.em.persist(installment);
            touched.push(installment);
          }
          d.jointlyLiable.forEach((p, position) => tx.em.persist(tx.em.create(LiablePartyRecord, { outcomeId: e.outcomeId, position, leadId: id, name: p.name, creditCode: p.creditCode })));
          break;
        }
        case 'INSTALLMENT_PAID':
        case 'SETTLEMENT_PAID_OFF':
          for (const a of e.allocations) {
            const i = s.installmentRecords.find((x) => x.id === a.id)!;
            i.paidFen = (BigInt(i.paidFen) + a.fen).toString();
            touched.push(i);
            tx.em.persist(tx.em.create(InstallmentPaymentRecord, { paymentId: e.facts.paymentId, installmentId: a.id, leadId: id, paidOn: e.facts.paidOn, amountFen: a.fen.toString(), recordedAt: at, recordedBy: by.id }));
          }
          break;
        case 'ENFORCEMENT_APPLIED':
          Object.assign(s.lawsuitRecord!, { enforcementAppliedAt: at, enforcementAppliedBy: by.id, enforcementNote: e.text!.note });
          break;
      }
    },
    messages(e, s) {
      const out = touched.map(installmentSignal);
      if (e.kind === 'SUPPORT_DECLINED') {
        // A decline answers the application: the sender hears it as final feedback.
        const feedback: TransferFeedback = { leadId: s.leadId, kind: 'SUPPORT_TO_SUE', to: 'PROCURATORATE', final: true, summary: e.feedbackToSender, amountRecoveredFen: null, workersPaid: null, by };
        out.push({ to: 'leads', type: TRANSFER_FEEDBACK, payload: feedback });
      }
      if (e.kind === 'COURT_OUTCOME_RECORDED' && e.outcome.jointlyLiable.length) {
        const liability: JointLiabilityRecorded = { outcomeId: e.outcomeId, leadId: s.leadId, employers: e.outcome.jointlyLiable };
        out.push({ to: 'leads', type: JOINT_LIABILITY_RECORDED, payload: liability });
      }
      return out;
    },
    result: (s) => s.leadId,
  });
}
