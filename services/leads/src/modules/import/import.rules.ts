/** Who may import leads, and what starting, cancelling and ending an import record. Pure. */
import type { Principal } from '../../../../../lib/auth';
import { refuse } from '../../../../../lib/errors';
import { event, type HubEvent } from '../../../../../lib/vocabulary/events';
import { mayDo } from '../../../../../lib/vocabulary';
import type { Issued } from '../../../../../lib/command/handler';
import { ENDED, type ImportStatus, type LeadImportRecord } from './import.entity';

export type ImportEvent = HubEvent<'LEAD_IMPORT_STARTED' | 'LEAD_IMPORT_FINISHED' | 'LEAD_IMPORT_CANCELLED'>;

export type StartImportCommand = Issued & { type: 'startLeadImport'; importId: string; allOrNothing: boolean };
export type CancelImportCommand = Issued & { type: 'cancelLeadImport'; importId: string };
export type FinishImportCommand = Issued & { type: 'finishLeadImport'; importId: string; status: 'DONE' | 'REFUSED' | 'FAILED' };

/** Importing is intake (受理), by INTAKE staff, of leads within their own jurisdiction (checked row by row). */
export function checkMayImport(by: Principal): void {
  if (!mayDo(by.roles, 'intake')) throw refuse('IMPORT_ROLE_REQUIRED');
}

/** An import is its uploader's: anyone else is told it does not exist. */
export function checkOwnImport(by: Principal, job: Pick<LeadImportRecord, 'importedBy' | 'agency'> | null): asserts job {
  if (!job || job.importedBy !== by.id || job.agency !== by.agency) throw refuse('IMPORT_NOT_FOUND');
}

const entity = (job: { id: string }) => ({ type: 'LeadImport', id: job.id });

export function decideStart(job: LeadImportRecord, cmd: StartImportCommand): ImportEvent {
  checkMayImport(cmd.by);
  checkOwnImport(cmd.by, job);
  if (job.status !== 'UPLOADED') throw refuse('IMPORT_ALREADY_STARTED', { status: job.status });
  return event('LEAD_IMPORT_STARTED', entity(job), null, { digest: job.digest, sizeBytes: job.sizeBytes, format: job.format, allOrNothing: cmd.allOrNothing, region: job.region });
}

export function decideCancel(job: LeadImportRecord, cmd: CancelImportCommand): ImportEvent {
  checkOwnImport(cmd.by, job);
  if (isEnded(job.status)) throw refuse('IMPORT_ALREADY_FINISHED', { status: job.status });
  return event('LEAD_IMPORT_CANCELLED', entity(job), null, { digest: job.digest, rows: job.rowsRead, imported: job.imported });
}

export function decideFinish(job: LeadImportRecord, cmd: FinishImportCommand): ImportEvent[] {
  if (isEnded(job.status)) return [];
  return [
    event('LEAD_IMPORT_FINISHED', entity(job), null, {
      digest: job.digest, status: cmd.status, rows: job.rowsRead, imported: job.imported, refused: job.refused, alreadyPresent: job.alreadyPresent, possibleDuplicates: job.possibleDuplicates,
    }),
  ];
}

export const isEnded = (s: ImportStatus) => ENDED.includes(s);
