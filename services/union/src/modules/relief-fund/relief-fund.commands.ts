/** The emergency wage relief fund (应急救助周转金): commands and events. */
import type { Issued } from '../../../../../lib/command/handler';
import type { Fen } from '../../../../../lib/money';
import type { HubEvent } from '../../../../../lib/vocabulary/events';
import type { AdvanceRequest, UnionCaseNow } from './relief-fund.rules';

export type ReliefFundCommand = Issued &
  (
    | { type: 'deposit'; regionCode: string; amount: string; note: string }
    | { type: 'grantAdvance'; leadId: string; request: AdvanceRequest }
    | { type: 'recordRecovery'; advanceId: string; amount: string; occurredAt?: Date | null }
  );

export type ReliefFundEvent = HubEvent<'FUND_DEPOSIT' | 'WAGE_ADVANCE_GRANTED' | 'ADVANCE_RECOVERED'>;

export interface FundState {
  regionCode: string;
  balanceFen: Fen;
}

/** What a relief-fund command is decided on, as loaded under lock (case, then fund). */
export interface ReliefFundState {
  fund: FundState | null;
  /** The union's case, for advances and recoveries. */
  unionCase?: UnionCaseNow & { leadId: string; referenceNo: string };
  alreadyAdvancedFen?: Fen;
  /** The advance a recovery is recorded against. */
  advance?: { id: string; leadId: string; amountFen: Fen; recoveredFen: Fen; recoveryAgreementNo: string; fundRegionCode: string; grantedAt?: Date };
  /** The id a new advance gets. */
  newAdvanceId: string;
}
