import { hasRole, type Principal } from '../../../../../lib/auth';
import { isWithinJurisdiction } from '../../../../../lib/region';
import { holdsLead } from '../../../../../lib/vocabulary';
import type { Agency, TransferState } from '../../../../../lib/domain/enums';

export interface Involvement {
  agency: Agency;
  transferState: TransferState;
}

/**
 * Staff see a lead when it lies in their region or below and their agency is involved in it.
 * Anything else is answered as if the lead did not exist.
 */
export function canSeeLead(p: Principal, regionCode: string, involvements: readonly Involvement[]): boolean {
  return isWithinJurisdiction(regionCode, p.region) && involvements.some((i) => i.agency === p.agency);
}

/**
 * Complainants' ID numbers and phones are shown in full only to staff of an agency handling the
 * lead; a VIEWER-only account never sees them, whatever its agency.
 */
export function handlesLead(p: Principal, involvements: readonly Involvement[]): boolean {
  if (!hasRole(p, 'INTAKE', 'HANDLER', 'SUPERVISOR')) return false;
  return involvements.some((i) => i.agency === p.agency && holdsLead(i.transferState));
}
