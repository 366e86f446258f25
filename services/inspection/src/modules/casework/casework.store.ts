import { randomUUID } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { CommandContext, Outgoing } from '../../../../../lib/command/handler';
import { caseNotFound, handleAgencyCommand, lockAgencyCase, mayActOnCases, type CaseAccess } from '../../../../../lib/agency-case/case-access';
import { calendar } from '../../../../../lib/calendar/calendar';
import { isUuid } from '../../../../../lib/identifiers';
import { shanghaiDate } from '../../../../../lib/dates';
import { RISK_SIGNAL, type RiskSignal } from '../../../../../lib/messages';
import { InspectionCaseRecord } from '../inspection-case/inspection-case.entity';
import { CallbackRecord, HandoverRecord, OrderPaymentRecord, PaymentOrderRecord } from './casework.entity';
import { decideInspection } from './inspection.rules';
import type { InspectionCommand, InspectionEvent, InspectionState } from './casework.commands';

/** The lead a command is about: a payment is recorded against an order, found first. */
async function leadOf(em: EntityManager, leadId: string | null, cmd: InspectionCommand, access: CaseAccess): Promise<string> {
  if (cmd.type !== 'recordOrderPayment') return leadId!;
  // Who may act is decided before the lookup, so an order on a case the caller cannot see is answered as one that does not exist.
  mayActOnCases(cmd.by, 'INSPECTION', access);
  const order = isUuid(cmd.orderId) ? await em.findOne(PaymentOrderRecord, { id: cmd.orderId }) : null;
  if (!order) throw caseNotFound('INSPECTION', access);
  return order.leadId;
}

interface Loaded extends InspectionState {
  record: InspectionCaseRecord;
  orderRecords: PaymentOrderRecord[];
}

/** Tells the registry what is still unpaid on an order, for the employer watch list. */
const orderSignal = (leadId: string, orderId: string, payBy: string, outstandingFen: string): Outgoing => {
  const signal: RiskSignal = { kind: 'PAYMENT_ORDER', key: orderId, leadId, dueOn: payBy, outstandingFen };
  return { to: 'leads', type: RISK_SIGNAL, payload: signal };
};

/** Runs a labour inspection casework command; `leadId` is null when the command names an order. */
export function runInspection(ctx: CommandContext, leadId: string | null, command: InspectionCommand): Promise<InspectionCaseRecord> {
  return handleAgencyCommand(ctx, {
    command,
    async load(tx): Promise<Loaded> {
      const access: CaseAccess = command.type === 'recordOrderPayment' ? { notFound: 'PAYMENT_ORDER_NOT_FOUND' } : {};
      const id = await leadOf(tx.em, leadId, command, access);
      const record = await lockAgencyCase(tx.em, InspectionCaseRecord, id, command.by, 'INSPECTION', access);
      const orderRecords = await tx.em.find(PaymentOrderRecord, { leadId: id }, { refresh: true });
      const orders = orderRecords.map((o) => ({ id: o.id, amountFen: BigInt(o.amountFen), paidFen: BigInt(o.paidFen), payBy: o.payBy, issuedOn: o.issuedOn }));
      return { leadId: id, record, case: record, orders, orderRecords, newOrderId: randomUUID() };
    },
    decide: (s, cmd) => decideInspection(s, cmd, calendar),
    apply(tx, s, e: InspectionEvent) {
      const c = s.record;
      const by = command.by.id;
      const at = command.at;
      switch (e.kind) {
        case 'FIRST_CONTACT':
          Object.assign(c, { firstContactAt: new Date(e.facts.occurredAt ?? at), firstContactRecordedAt: at, firstContactNote: e.text!.note });
          break;
        case 'PAYMENT_ORDER_ISSUED':
          tx.em.persist(tx.em.create(PaymentOrderRecord, { id: e.facts.orderId, leadId: s.leadId, issuedAt: at, issuedOn: e.facts.issuedOn ?? shanghaiDate(at), issuedBy: by, amountFen: e.facts.amountFen, payBy: e.facts.payBy, paidFen: '0' }));
          break;
        case 'ORDER_PAYMENT': {
          const o = s.orderRecords.find((x) => x.id === e.facts.orderId)!;
          o.paidFen = (BigInt(o.paidFen) + BigInt(e.facts.amountFen)).toString();
          tx.em.persist(tx.em.create(OrderPaymentRecord, { orderId: o.id, paidOn: e.facts.paidOn, amountFen: e.facts.amountFen, recordedAt: at, recordedBy: by }));
          break;
        }
        case 'HANDOVER':
          tx.em.persist(tx.em.create(HandoverRecord, { leadId: s.leadId, target: e.facts.to, at: new Date(e.facts.occurredAt ?? at), recordedAt: at, note: e.text!.note, recordedBy: by }));
          break;
        case 'CALLBACK':
          tx.em.persist(tx.em.create(CallbackRecord, { leadId: s.leadId, wagesPaid: e.facts.wagesPaid, procedureLawful: e.facts.procedureLawful, satisfied: e.facts.satisfied, at: new Date(e.facts.occurredAt ?? at), recordedAt: at, note: e.text!.note, recordedBy: by }));
          break;
        case 'POLICE_REFERRAL':
          Object.assign(c, { policeDecidedAt: new Date(e.facts.decidedAt), policeSentAt: at, policeUnit: e.text!.policeUnit });
          break;
        case 'INVESTIGATION_EXTENDED':
          Object.assign(c, { investigationExtendedAt: at, investigationExtensionReason: e.text!.reason });
          break;
        case 'INVESTIGATION_SUSPENDED':
          Object.assign(c, { investigationSuspendedOn: e.facts.suspendedOn, investigationSuspensionReason: e.text!.reason });
          break;
        case 'INVESTIGATION_RESUMED':
          Object.assign(c, { investigationSuspendedOn: null, investigationSuspensionReason: null, investigationSuspendedDays: c.investigationSuspendedDays + e.facts.workingDays });
          break;
      }
    },
    messages(e) {
      if (e.kind === 'PAYMENT_ORDER_ISSUED') return [orderSignal(e.leadId!, e.facts.orderId, e.facts.payBy, e.facts.amountFen)];
      if (e.kind === 'ORDER_PAYMENT') return [orderSignal(e.leadId!, e.facts.orderId, e.facts.payBy, e.facts.outstandingFen)];
      return [];
    },
    result: (s) => s.record,
  });
}
