/**
 * A timeline entry's facts as the API's typed fields: the amount, the worker count, the other
 * agency, the transfer kind, the date and the reference an event is about, whichever it has.
 */
import type { Agency, TransferKind } from '../domain/enums';
import { formatFen } from '../money';

export interface TypedFacts {
  amount: string | null;
  workerCount: number | null;
  otherAgency: Agency | null;
  transferKind: TransferKind | null;
  date: string | null;
  reference: string | null;
}

const first = <T>(f: Record<string, unknown>, keys: string[], is: (v: unknown) => v is T): T | null => {
  for (const k of keys) if (is(f[k])) return f[k];
  return null;
};
const isString = (v: unknown): v is string => typeof v === 'string' && v !== '';
const isNumber = (v: unknown): v is number => typeof v === 'number';

const AMOUNTS = ['amountFen', 'amountAgreedFen', 'amountRecoveredFen', 'totalFen', 'amountOwedFen', 'overdueFen'];
const COUNTS = ['workerCount', 'workersPaid'];
const DATES = ['feedbackDueOn', 'agreedPayBy', 'payBy', 'paidOn', 'providedOn', 'date', 'filedOn', 'decidedOn', 'issuedOn', 'until', 'dueOn', 'noticeOn', 'statedOn', 'removedOn', 'suspendedOn'];
const REFERENCES = ['referenceNo', 'otherReferenceNo', 'letterNo', 'docketNo', 'recoveryAgreementNo'];

export function typedFacts(kind: string, facts: Record<string, unknown> | null | undefined, agency: string): TypedFacts {
  const f = facts ?? {};
  const fen = first(f, AMOUNTS, isString);
  const transfer = kind.startsWith('TRANSFER_') || kind.startsWith('FEEDBACK_');
  const from = f.from as Agency | undefined;
  const to = f.to as Agency | undefined;
  return {
    amount: fen === null ? null : formatFen(fen),
    workerCount: first(f, COUNTS, isNumber),
    otherAgency: transfer && from && to ? (agency === from ? to : from) : null,
    transferKind: transfer ? ((f.kind as TransferKind | undefined) ?? null) : null,
    date: first(f, DATES, isString),
    reference: first(f, REFERENCES, isString),
  };
}
