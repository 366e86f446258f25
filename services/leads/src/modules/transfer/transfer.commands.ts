/** Transfers between agencies (移送/转办): commands and events. */
import type { Issued } from '../../../../../lib/command/handler';
import type { Fen } from '../../../../../lib/money';
import type { Agency, TransferKind, TransferState, TransferStatus } from '../../../../../lib/domain/enums';
import type { HubEvent } from '../../../../../lib/vocabulary/events';
import type { ClockCommand } from '../../../../../lib/domain/clock-pause';

/** What the receiver or sender does to a transfer (decideTransfer). */
export type TransferCommand =
  | { type: 'accept' }
  | { type: 'reject'; reason: string }
  | { type: 'cancel'; reason: string }
  | {
      type: 'feedback';
      final: boolean;
      summary: string;
      amountRecovered?: string | null;
      compensationRecovered?: string | null;
      workersPaid?: number | null;
      /** Given by staff (giveFeedback), so checked against the lead's figures; an agency's automatic feedback is not refused. */
      fromStaff?: boolean;
    };

/** The transfer state machine's own verdict (decideTransfer). */
export type TransferDecision =
  | { type: 'accepted'; status: 'ACCEPTED' }
  | { type: 'rejected'; status: 'REJECTED'; reason: string }
  | { type: 'cancelled'; status: 'CANCELLED'; reason: string }
  | { type: 'feedbackGiven'; status: 'ACCEPTED' | 'COMPLETED'; final: boolean; summary: string; amountRecovered: Fen | null; compensationRecovered: Fen | null; workersPaid: number | null };

export interface NewTransfer {
  to: Agency;
  kind: TransferKind;
  reason: string;
  feedbackDueAt?: Date | null;
}

export type LeadTransferCommand = Issued &
  (
    | { type: 'send'; leadId: string; transfer: NewTransfer }
    | { type: 'act'; transferId: string; act: TransferCommand }
    /** Suspending or resuming (中止/恢复) the transfer's feedback deadline. */
    | { type: 'clock'; transferId: string; clock: ClockCommand }
  );

export type TransferEvent = HubEvent<'TRANSFER_REQUESTED' | 'TRANSFER_ACCEPTED' | 'TRANSFER_RETURNED' | 'TRANSFER_CANCELLED' | 'FEEDBACK_INTERIM' | 'FEEDBACK_FINAL' | 'FEEDBACK_CLOCK_SUSPENDED' | 'FEEDBACK_CLOCK_RESUMED'>;

/** A lead's transfers and involvements, as locked for a transfer command. */
export interface TransfersState {
  leadId: string;
  transfers: { id: string; kind: TransferKind; from: Agency; to: Agency; status: TransferStatus; feedbackDueAt?: Date; feedbackSuspendedOn?: string | null }[];
  /** When the lead was received: no suspension or resumption is dated earlier. */
  leadReceivedAt?: Date | null;
  involved: { agency: Agency; transferState: TransferState; closureState: 'OPEN' | 'CLOSED' }[];
  /** The lead's figures feedback from staff is checked against. */
  figures: { amountOwedFen: Fen | null; workerCount: number | null };
  /** The id a new transfer gets, and its feedback deadline unless the sender sets one. */
  newTransferId: string;
  defaultFeedbackDueAt: Date;
}
