import type { EntityManager } from '@mikro-orm/postgresql';
import type { CommandContext } from '../../../../../lib/command/handler';
import { handleAgencyCommand, lockAgencyCase } from '../../../../../lib/agency-case/case-access';
import type { EvidenceItem } from '../../../../../lib/domain/enums';
import { InspectionCaseRecord } from '../inspection-case/inspection-case.entity';
import { PaymentOrderRecord } from '../casework/casework.entity';
import { CloseWithoutLedgerReasonRecord, EvidenceRequestRecord } from './checklist.entity';
import { checkLedgerBeforeClose, decideChecklist } from './checklist.rules';
import type { ChecklistCommand, ChecklistEvent, EvidenceRequestNow } from './checklist.commands';

const requestNow = (r: EvidenceRequestRecord): EvidenceRequestNow => ({ item: r.item as EvidenceItem, requestedOn: r.requestedOn, outcome: (r.outcome ?? null) as EvidenceRequestNow['outcome'], receivedOn: r.receivedOn ?? null });

/** A lead's requests to the employer (oldest first) and the latest reason to close without the ledger. */
async function loadChecklist(em: EntityManager, leadId: string) {
  const records = await em.find(EvidenceRequestRecord, { leadId }, { orderBy: { id: 'asc' }, refresh: true });
  const reason = await em.findOne(CloseWithoutLedgerReasonRecord, { leadId }, { orderBy: { id: 'desc' } });
  return { records, requests: records.map(requestNow), closeWithoutLedgerReason: reason?.reason ?? null };
}

/** The closing rule's part of the checklist, loaded with the case being closed (the case row is already locked). */
export async function loadLedgerCloseCheck(em: EntityManager, leadId: string) {
  const { requests, closeWithoutLedgerReason } = await loadChecklist(em, leadId);
  const paymentOrders = await em.count(PaymentOrderRecord, { leadId });
  return (reason: Parameters<typeof checkLedgerBeforeClose>[1]) => checkLedgerBeforeClose({ requests, closeWithoutLedgerReason, paymentOrders }, reason);
}

/** Runs an evidence checklist command on labour inspection's case on a lead. */
export function runChecklist(ctx: CommandContext, leadId: string, command: ChecklistCommand): Promise<InspectionCaseRecord> {
  return handleAgencyCommand(ctx, {
    command,
    async load(tx) {
      const record = await lockAgencyCase(tx.em, InspectionCaseRecord, leadId, command.by, 'INSPECTION');
      return { leadId, record, case: record, ...(await loadChecklist(tx.em, leadId)) };
    },
    decide: (s, cmd) => decideChecklist(s, cmd),
    apply(tx, s, e: ChecklistEvent) {
      const by = command.by.id;
      const at = command.at;
      switch (e.kind) {
        case 'EVIDENCE_REQUESTED':
          tx.em.persist(tx.em.create(EvidenceRequestRecord, { leadId, item: e.facts.item, requestedOn: e.facts.requestedOn, requestedAt: at, requestedBy: by }));
          break;
        case 'EVIDENCE_RECEIVED':
        case 'EVIDENCE_NOT_PROVIDED': {
          const last = s.records.filter((r) => r.item === e.facts.item).at(-1)!;
          Object.assign(last, e.kind === 'EVIDENCE_RECEIVED' ? { outcome: 'RECEIVED', receivedOn: e.facts.receivedOn } : { outcome: 'NOT_PROVIDED', note: e.text!.note });
          Object.assign(last, { outcomeRecordedAt: at, outcomeRecordedBy: by });
          break;
        }
        case 'CLOSE_WITHOUT_LEDGER_REASONED':
          tx.em.persist(tx.em.create(CloseWithoutLedgerReasonRecord, { leadId, reason: e.text!.reason, recordedAt: at, recordedBy: by }));
          break;
      }
    },
    result: (s) => s.record,
  });
}
