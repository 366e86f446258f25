/**
 * Possible duplicates (the same arrears reported through several channels, seed 004) are shown to
 * staff, who decide; nothing is merged silently. Pure.
 */
import { hasRole, type Principal } from '../../../../../lib/auth';
import { badInput, refuse } from '../../../../../lib/errors';
import { normalizeEmployerName } from '../employer/employer.name';
import { handlesLead } from '../../../../../lib/vocabulary';

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
  if (!hasRole(by, 'HANDLER', 'SUPERVISOR')) throw refuse('DUPLICATE_ROLE_REQUIRED');
  if (lead.id === original.id) throw badInput('ofLeadId', 'DUPLICATE_OF_ITSELF');
  if (lead.duplicateOfId) throw refuse('DUPLICATE_ALREADY_MARKED', { referenceNo: lead.referenceNo });
  if (original.duplicateOfId) throw badInput('ofLeadId', 'DUPLICATE_OF_DUPLICATE', { referenceNo: original.referenceNo });
  if (!mine || !handlesLead(mine)) {
    throw refuse('DUPLICATE_NOT_HANDLING', { referenceNo: lead.referenceNo });
  }
  if (openTransfers > 0) throw refuse('DUPLICATE_HAS_OPEN_TRANSFERS', { referenceNo: lead.referenceNo });
}
