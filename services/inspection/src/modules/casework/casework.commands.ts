/** Labour inspection's casework on its own case: commands and events. */
import type { Issued } from '../../../../../lib/command/handler';
import type { Fen } from '../../../../../lib/money';
import type { HubEvent } from '../../../../../lib/vocabulary/events';
import type { InspectionCaseNow } from './inspection.rules';

export type HandoverTarget = 'LOCAL_GOVERNMENT' | 'INDUSTRY_REGULATOR' | 'GENERAL_CONTRACTOR_HQ';

export type InspectionCommand = Issued &
  (
    | { type: 'recordFirstContact'; note: string; occurredAt?: Date | null }
    | { type: 'issuePaymentOrder'; amount: string; payBy: string; issuedOn?: string | null }
    | { type: 'recordOrderPayment'; orderId: string; amount: string; paidOn: string }
    | { type: 'recordHandover'; to: HandoverTarget; note: string; occurredAt?: Date | null }
    | { type: 'recordCallback'; wagesPaid: boolean; procedureLawful: boolean; satisfied: boolean; note: string; occurredAt?: Date | null }
    | { type: 'referToPolice'; policeUnit: string; decidedAt: Date }
    | { type: 'extendInvestigation'; reason: string }
    | { type: 'suspendInvestigation'; reason: string; suspendedOn?: string | null }
    | { type: 'resumeInvestigation'; resumedOn?: string | null }
  );

export type InspectionEvent = HubEvent<
  'FIRST_CONTACT' | 'PAYMENT_ORDER_ISSUED' | 'ORDER_PAYMENT' | 'HANDOVER' | 'CALLBACK' | 'POLICE_REFERRAL' | 'INVESTIGATION_EXTENDED' | 'INVESTIGATION_SUSPENDED' | 'INVESTIGATION_RESUMED'
>;

export interface OrderNow {
  id: string;
  amountFen: Fen;
  paidFen: Fen;
  payBy: string;
  /** The day the order was issued: payments against it are not dated earlier. */
  issuedOn?: string;
}

/** The inspection case and its payment orders, as locked for a command. */
export interface InspectionState {
  leadId: string;
  case: InspectionCaseNow & {
    policeSentAt?: Date | null;
    investigationOpenedAt?: Date | null;
    investigationExtendedAt?: Date | null;
    investigationSuspendedOn?: string | null;
    investigationSuspendedDays?: number;
  };
  orders: OrderNow[];
  /** The id a new payment order gets. */
  newOrderId: string;
}
