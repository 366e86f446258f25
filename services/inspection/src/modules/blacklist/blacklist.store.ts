import { randomUUID } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { CommandContext, Outgoing } from '../../../../../lib/command/handler';
import { handleAgencyCommand, lockAgencyCase } from '../../../../../lib/agency-case/case-access';
import { shanghaiDate } from '../../../../../lib/dates';
import { BLACKLIST_LISTING, type BlacklistListing } from '../../../../../lib/messages';
import { InspectionCaseRecord } from '../inspection-case/inspection-case.entity';
import { BlacklistListingRecord } from './blacklist.entity';
import { decideBlacklistCommand } from './blacklist.rules';
import type { BlacklistCommand, BlacklistEvent, BlacklistOrderNow, BlacklistState, ListingNow, StatementOutcome } from './blacklist.commands';

interface Loaded extends BlacklistState {
  record: InspectionCaseRecord;
  listingRecord: BlacklistListingRecord | null;
}

/** The case's payment orders, each with the day of its last payment: one query. */
async function ordersOf(em: EntityManager, leadId: string): Promise<BlacklistOrderNow[]> {
  const rows = await em.execute<{ amount_fen: string; paid_fen: string; pay_by: string; last_paid_on: string | null }[]>(
    `select o.amount_fen, o.paid_fen, to_char(o.pay_by, 'YYYY-MM-DD') as pay_by, to_char(max(p.paid_on), 'YYYY-MM-DD') as last_paid_on
     from payment_order o left join order_payment p on p.order_id = o.id where o.lead_id = ? group by o.id`,
    [leadId],
  );
  return rows.map((r) => ({ amountFen: BigInt(r.amount_fen), paidFen: BigInt(r.paid_fen), payBy: r.pay_by, lastPaidOn: r.last_paid_on }));
}

export const listingNow = (r: BlacklistListingRecord): ListingNow => ({
  id: r.id,
  state: r.state as ListingNow['state'],
  proposedOn: r.proposedOn,
  proposedUntil: r.proposedUntil,
  noticeOn: r.noticeOn,
  statedOn: r.statedOn,
  statementOutcome: r.statementOutcome as StatementOutcome | null,
  decidedOn: r.decidedOn,
  listedOn: r.state === 'LISTED' || r.state === 'REMOVED_EARLY' ? r.decidedOn : null,
  until: r.until,
});

/** Tells the registry how an employer's listing stands, for the employer watch list. */
const listingMessage = (r: BlacklistListingRecord): Outgoing => {
  const payload: BlacklistListing = { listingId: r.id, leadId: r.leadId, listedOn: r.decidedOn!, until: r.until!, removedOn: r.removedOn ?? null };
  return { to: 'leads', type: BLACKLIST_LISTING, payload };
};

/** Runs a step of the blacklist procedure on the inspection case of a lead. */
export function runBlacklist(ctx: CommandContext, leadId: string, command: BlacklistCommand): Promise<InspectionCaseRecord> {
  return handleAgencyCommand(ctx, {
    command,
    async load(tx): Promise<Loaded> {
      // The case's row lock serialises the procedure's steps on a lead.
      const record = await lockAgencyCase(tx.em, InspectionCaseRecord, leadId, command.by, 'INSPECTION');
      const listingRecord = await tx.em.findOne(BlacklistListingRecord, { leadId }, { orderBy: { proposedAt: 'desc' }, refresh: true });
      return { leadId, record, case: record, listing: listingRecord ? listingNow(listingRecord) : null, listingRecord, orders: await ordersOf(tx.em, leadId), newListingId: randomUUID() };
    },
    decide: (s, cmd) => decideBlacklistCommand(s, cmd),
    apply(tx, s, e: BlacklistEvent) {
      const by = command.by.id;
      const at = command.at;
      const l = s.listingRecord;
      switch (e.kind) {
        case 'BLACKLIST_PROPOSED': {
          const created = tx.em.create(BlacklistListingRecord, {
            id: e.facts.listingId!, leadId: s.leadId, state: 'PROPOSED', ground: e.facts.ground!, proposedAt: at, proposedOn: shanghaiDate(at), proposedUntil: e.facts.until, proposedBy: by, reason: e.text!.reason,
          });
          tx.em.persist(created);
          s.listingRecord = created;
          // The case's own summary of the proposal (InspectionCase.blacklistProposal) reads these.
          Object.assign(s.record, { blacklistProposedAt: at, blacklistUntil: e.facts.until, blacklistReason: e.text!.reason });
          break;
        }
        case 'BLACKLIST_NOTIFIED':
          Object.assign(l!, { state: 'NOTIFIED', noticeOn: e.facts.noticeOn });
          break;
        case 'BLACKLIST_STATEMENT_RECORDED':
          Object.assign(l!, { state: 'HEARD', statedOn: e.facts.statedOn, statementOutcome: e.facts.outcome, statement: e.text?.summary ?? null });
          break;
        case 'BLACKLIST_LISTED':
          Object.assign(l!, { state: 'LISTED', decidedOn: e.facts.listedOn, decidedBy: by, decisionReason: e.text!.reason, until: e.facts.until });
          s.record.blacklistUntil = e.facts.until;
          break;
        case 'BLACKLIST_REJECTED':
          Object.assign(l!, { state: 'REJECTED', decidedOn: e.facts.decidedOn, decidedBy: by, decisionReason: e.text!.reason });
          break;
        case 'BLACKLIST_REMOVED_EARLY':
          Object.assign(l!, { state: 'REMOVED_EARLY', removedOn: e.facts.removedOn, arrearsPaidOn: e.facts.arrearsPaidOn, pledgeOn: e.facts.pledgeOn, removalNote: e.text?.note ?? null, removedBy: by });
          break;
      }
    },
    messages(e, s) {
      return e.kind === 'BLACKLIST_LISTED' || e.kind === 'BLACKLIST_REMOVED_EARLY' ? [listingMessage(s.listingRecord!)] : [];
    },
    result: (s) => s.record,
  });
}
