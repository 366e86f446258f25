/** The blacklist procedure (失信联合惩戒名单) on an inspection case: commands, events, state. */
import type { Issued } from '../../../../../lib/command/handler';
import type { Fen } from '../../../../../lib/money';
import type { HubEvent } from '../../../../../lib/vocabulary/events';
import type { InspectionCaseNow } from '../casework/inspection.rules';

export type BlacklistGround = 'CRIMINAL_THRESHOLD' | 'MASS_INCIDENT';
export type StatementOutcome = 'ADOPTED' | 'NOT_ADOPTED' | 'NONE_MADE';
/** As stored; a listing whose three years are over reads as EXPIRED (listingStatus). */
export type ListingState = 'PROPOSED' | 'NOTIFIED' | 'HEARD' | 'LISTED' | 'REJECTED' | 'REMOVED_EARLY';
export type ListingStatus = ListingState | 'EXPIRED';

export type BlacklistCommand = Issued &
  (
    | { type: 'propose'; ground: BlacklistGround; reason: string }
    | { type: 'notify'; noticeOn?: string | null }
    | { type: 'recordStatement'; statedOn?: string | null; statementOutcome: StatementOutcome; statement?: string | null }
    | { type: 'decide'; list: boolean; reason: string; decisionDate?: string | null }
    | { type: 'removeEarly'; arrearsPaidOn: string; pledgeOn: string; note?: string | null }
  );

export type BlacklistEvent = HubEvent<'BLACKLIST_PROPOSED' | 'BLACKLIST_NOTIFIED' | 'BLACKLIST_STATEMENT_RECORDED' | 'BLACKLIST_LISTED' | 'BLACKLIST_REJECTED' | 'BLACKLIST_REMOVED_EARLY'>;

/** The case's latest blacklist procedure, as the decider needs it. */
export interface ListingNow {
  id: string;
  state: ListingState;
  proposedOn: string;
  /** The end of a listing decided today: what the proposal announced. */
  proposedUntil: string;
  noticeOn?: string | null;
  statedOn?: string | null;
  statementOutcome?: StatementOutcome | null;
  decidedOn?: string | null;
  listedOn?: string | null;
  until?: string | null;
}

export interface BlacklistOrderNow {
  amountFen: Fen;
  paidFen: Fen;
  payBy: string;
  /** The day of the last payment recorded against it. */
  lastPaidOn: string | null;
}

export interface BlacklistState {
  leadId: string;
  case: InspectionCaseNow & { amountOwedFen?: string | null; workerCount?: number | null };
  listing: ListingNow | null;
  orders: BlacklistOrderNow[];
  /** The id a new proposal gets. */
  newListingId: string;
}
