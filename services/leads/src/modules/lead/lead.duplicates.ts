/**
 * Possible duplicates (the same arrears reported through several channels, seed 004) are shown to
 * staff, who decide; nothing is merged silently. Pure.
 */
import { hasRole, type Principal } from '../../../../../lib/auth';
import { badInput, forbidden, invalidTransition } from '../../../../../lib/errors';
import { normalizeEmployerName } from '../employer/employer.name';

export interface DuplicateFacts {
  id: string;
  projectName?: string | null;
  wagePeriodStart?: string | null;
  wagePeriodEnd?: string | null;
}

/** Same project (when both name one) and overlapping wage periods (when both give one). */
export function looksLikeSameArrears(a: DuplicateFacts, b: DuplicateFacts): boolean {
  if (a.projectName && b.projectName && normalizeEmployerName(a.projectName) !== normalizeEmployerName(b.projectName)) return false;
  if (a.wagePeriodStart && b.wagePeriodEnd && a.wagePeriodStart > b.wagePeriodEnd) return false;
  if (b.wagePeriodStart && a.wagePeriodEnd && b.wagePeriodStart > a.wagePeriodEnd) return false;
  return true;
}

export function checkMarkDuplicate(
  by: Principal,
  lead: { id: string; referenceNo: string; duplicateOfId: string | null },
  original: { id: string; referenceNo: string; duplicateOfId: string | null },
  mine: { transferState: string; closureState: string } | undefined,
  openTransfers: number,
): void {
  if (!hasRole(by, 'HANDLER', 'SUPERVISOR')) throw forbidden('Marking a duplicate needs the HANDLER or SUPERVISOR role.');
  if (lead.id === original.id) throw badInput('ofLeadId', 'is the lead itself');
  if (lead.duplicateOfId) throw invalidTransition(`${lead.referenceNo} is already marked as a duplicate.`);
  if (original.duplicateOfId) throw badInput('ofLeadId', `${original.referenceNo} is itself a duplicate: point at the lead it duplicates`);
  if (!mine || mine.closureState !== 'OPEN' || !['ORIGINATED', 'ACCEPTED', 'TRANSFERRED_OUT'].includes(mine.transferState)) {
    throw invalidTransition(`Only an agency handling ${lead.referenceNo}, with its case open, may mark it as a duplicate.`);
  }
  if (openTransfers > 0) throw invalidTransition(`${lead.referenceNo} has open transfers: settle them (cancel, return or complete) before marking it as a duplicate.`);
}
