/** The support to sue (支持起诉) and the lawsuit it supports: commands and events. */
import type { Issued } from '../../../../../lib/command/handler';
import type { Fen } from '../../../../../lib/money';
import type { HubEvent } from '../../../../../lib/vocabulary/events';
import type { AgencyCaseNow, DecidedOutcome, InstallmentNow, LawsuitNow, OutcomeCommand, SupportCaseNow } from './lawsuit.rules';

export type LawsuitCommand = Issued &
  (
    | { type: 'decideSupport'; supported: boolean; reason: string; occurredAt?: Date | null }
    | { type: 'recordSupportLetter'; number: string; issuedOn: string }
    | { type: 'recordCourtFiling'; court: string; docketNo: string; filedOn: string }
    | { type: 'scheduleHearing'; date: string; courtRoom: string; note?: string | null; occurredAt?: Date | null }
    | { type: 'recordHearingResult'; hearingId: string; note: string; occurredAt?: Date | null }
    | { type: 'recordCourtOutcome'; outcome: OutcomeCommand }
    | { type: 'recordInstallmentPayment'; installmentId: string; amount: string; paidOn: string }
    | { type: 'applyForEnforcement'; note: string }
  );

/** Events, some with what applying them needs beyond the facts the audit and timeline show. */
export type LawsuitEvent =
  | HubEvent<'SUPPORT_GRANTED' | 'SUPPORT_LETTER_ISSUED' | 'COURT_FILED' | 'HEARING_SCHEDULED' | 'ENFORCEMENT_APPLIED'>
  | (HubEvent<'SUPPORT_DECLINED'> & { feedbackToSender: string })
  | (HubEvent<'HEARING_HELD'> & { hearingId: string })
  | (HubEvent<'COURT_OUTCOME_RECORDED'> & { outcomeId: string; outcome: DecidedOutcome })
  | (HubEvent<'INSTALLMENT_PAID' | 'SETTLEMENT_PAID_OFF'> & { allocations: { id: string; fen: Fen }[] });

/** The support case, its lawsuit and what a command touches, as locked (support case row first). */
export interface LawsuitState {
  leadId: string;
  support: SupportCaseNow;
  lawsuit: LawsuitNow | null;
  /** The court's own case, when a court acts. */
  court: AgencyCaseNow | null;
  hearing?: { id: string; date: string; outcomeNote?: string | null };
  installments: InstallmentNow[];
  /** Ids new rows get (decided here, so the decider stays pure). */
  newIds: { outcome: string; payment: string };
}
