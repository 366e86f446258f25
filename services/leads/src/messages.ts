import type { MessageHandler } from '../../../lib/outbox/receiver';
import { CASE_CLOSED, CASE_REOPENED, TIMELINE_EVENT, type CaseClosed, type CaseReopened, type TimelineEvent } from '../../../lib/messages';
import { formatFen } from '../../../lib/money';
import { TimelineEntryRecord } from './modules/timeline/timeline.entity';
import { LeadAgencyRecord, LeadRecord } from './modules/lead/lead.entity';
import { countsAsMediatedOrLegalService } from './modules/report/report.rules';
import { settleLeadClosure } from './modules/lead/lead.closure';
import { lockLead } from './modules/lead/lead.lock';
import { markClosed, markOpen } from '../../../lib/agency-case/agency-states.entity';

function agencyRow(rows: LeadAgencyRecord[], agency: string): LeadAgencyRecord {
  const row = rows.find((r) => r.agency === agency);
  if (!row) throw new Error(`${agency} is not involved in this lead`);
  return row;
}

export const leadsMessageHandlers: Record<string, MessageHandler> = {
  async [TIMELINE_EVENT](message, { em }) {
    const e = message.payload as TimelineEvent;
    em.persist(em.create(TimelineEntryRecord, { leadId: e.leadId, at: new Date(e.at), agency: e.agency, actor: e.actor, kind: e.kind, summary: e.summary }));
    if (countsAsMediatedOrLegalService(e.kind)) {
      // A plain update: no lead lock nor version bump for a flag that only ever turns on.
      await em.nativeUpdate(LeadRecord, { id: e.leadId, mediatedOrLegalService: false }, { mediatedOrLegalService: true });
    }
  },

  /** An agency closed its own case: the registry shows it on Lead.agencies and the timeline. */
  async [CASE_CLOSED](message, { em }) {
    const { leadId, agency, closure: c } = message.payload as CaseClosed;
    const lead = await lockLead(em, leadId);
    const rows = await em.find(LeadAgencyRecord, { leadId }, { refresh: true });
    markClosed(agencyRow(rows, agency), c);
    settleLeadClosure(lead, rows);
    const note = c.note ? `: ${c.note}` : '';
    em.persist(em.create(TimelineEntryRecord, { leadId, at: new Date(c.closedAt), agency, actor: c.closedBy, kind: 'CASE_CLOSED', summary: `${agency} closed its case (${c.reason}); ${formatFen(c.amountRecoveredFen)} yuan recovered, ${c.workersPaid} worker(s) paid${note}` }));
  },

  async [CASE_REOPENED](message, { em }) {
    const { leadId, agency, note, reopenedAt, reopenedBy } = message.payload as CaseReopened;
    const lead = await lockLead(em, leadId);
    const rows = await em.find(LeadAgencyRecord, { leadId }, { refresh: true });
    markOpen(agencyRow(rows, agency));
    settleLeadClosure(lead, rows);
    em.persist(em.create(TimelineEntryRecord, { leadId, at: new Date(reopenedAt), agency, actor: reopenedBy, kind: 'CASE_REOPENED', summary: `${agency} reopened its case: ${note}` }));
  },
};
