/**
 * Evidence on a lead (证据材料), decided: who may attach, see, download and withdraw it, and what
 * each act leaves on the record. Pure.
 */
import type { Principal } from '../../../../../lib/auth';
import { invalidInput, invalid, refuse, type InvalidField } from '../../../../../lib/errors';
import { dateProblem } from '../../../../../lib/dates';
import { cleanText, mayDo, textProblem } from '../../../../../lib/vocabulary';
import { event, type HubEvent } from '../../../../../lib/vocabulary/events';
import { EVIDENCE_KINDS, EVIDENCE_TITLE_MAX, type EvidenceKind } from '../../../../../lib/vocabulary/evidence';
import { canSeeLead, handlesLead, type Involvement } from '../lead/lead.access';
import type { EvidenceRecord } from './evidence.entity';

export type EvidenceEvent = HubEvent<'EVIDENCE_ATTACHED' | 'EVIDENCE_WITHDRAWN' | 'EVIDENCE_DOWNLOADED'>;

/** The lead evidence is attached to, as its visibility needs it. */
export interface EvidenceLead {
  id: string;
  regionCode: string;
  involvements: readonly Involvement[];
}

/** What the uploader says of a file. */
export interface EvidenceFields {
  kind: EvidenceKind;
  title: string;
  documentDate: string;
  containsPersonalData: boolean;
  fileName: string;
}

const entity = (id: string) => ({ type: 'Evidence', id });

/** Staff of any agency involved in the lead, but for view-only accounts. Anyone else: no such lead. */
export function checkMayAttach(by: Principal, lead: EvidenceLead | null): asserts lead is EvidenceLead {
  if (!lead || !canSeeLead(by, lead.regionCode, lead.involvements)) throw refuse('LEAD_NOT_FOUND');
  if (!mayDo(by.roles, 'evidence')) throw refuse('EVIDENCE_ROLE_REQUIRED');
}

/**
 * Evidence is seen with its lead; a file marked as holding personal data only by staff of an
 * agency handling the lead (as complainants' ID numbers are).
 */
export function maySeeEvidence(by: Principal, lead: EvidenceLead, e: Pick<EvidenceRecord, 'containsPersonalData'>): boolean {
  if (!canSeeLead(by, lead.regionCode, lead.involvements)) return false;
  return !e.containsPersonalData || handlesLead(by, lead.involvements);
}

/** The uploader's description of the file, each field checked; every fault named at once. */
export function evidenceFields(given: { kind?: string; title?: string; documentDate?: string; containsPersonalData?: string; fileName?: string }): EvidenceFields {
  const faults: InvalidField[] = [];
  const kind = given.kind ?? '';
  if (!kind) faults.push(invalid('kind', 'FIELD_REQUIRED'));
  else if (!(EVIDENCE_KINDS as readonly string[]).includes(kind)) faults.push(invalid('kind', 'VALUE_NOT_ALLOWED', { allowed: [...EVIDENCE_KINDS] }));
  const title = cleanText(given.title ?? '');
  const tp = textProblem(title, { required: true, max: EVIDENCE_TITLE_MAX });
  if (tp?.rule === 'required') faults.push(invalid('title', 'FIELD_REQUIRED'));
  if (tp?.rule === 'tooLong') faults.push(invalid('title', 'TEXT_TOO_LONG', { max: tp.max }));
  const documentDate = given.documentDate ?? '';
  const dp = documentDate ? dateProblem(documentDate) : undefined;
  if (!documentDate) faults.push(invalid('documentDate', 'FIELD_REQUIRED'));
  else if (dp) faults.push(invalid('documentDate', dp));
  const personal = given.containsPersonalData ?? 'false';
  if (personal !== 'true' && personal !== 'false') faults.push(invalid('containsPersonalData', 'VALUE_NOT_ALLOWED', { allowed: ['true', 'false'] }));
  if (faults.length) throw invalidInput(faults);
  const fileName = cleanText(given.fileName ?? '', 'name').replace(/[/\\]/g, '').slice(0, 200) || 'evidence';
  return { kind: kind as EvidenceKind, title, documentDate, containsPersonalData: personal === 'true', fileName };
}

export interface AttachEvidenceCommand {
  type: 'attachEvidence';
  evidenceId: string;
  lead: EvidenceLead;
  fields: EvidenceFields;
  file: { contentType: string; sizeBytes: number; digest: string };
  by: Principal;
  at: Date;
}

export function decideAttach(_: unknown, cmd: AttachEvidenceCommand): EvidenceEvent {
  checkMayAttach(cmd.by, cmd.lead);
  const f = cmd.fields;
  return event('EVIDENCE_ATTACHED', entity(cmd.evidenceId), cmd.lead.id,
    { evidenceId: cmd.evidenceId, kind: f.kind, documentDate: f.documentDate, contentType: cmd.file.contentType, sizeBytes: String(cmd.file.sizeBytes), digest: cmd.file.digest, containsPersonalData: f.containsPersonalData },
    // A title may name a person: shown on the timeline to those who see the lead, never audited.
    f.containsPersonalData ? {} : { title: f.title });
}

export interface WithdrawEvidenceCommand {
  type: 'withdrawEvidence';
  evidenceId: string;
  reason: string;
  by: Principal;
  at: Date;
}

/** Staff of the agency that attached it withdraw it, once, saying why; the file stays on the record. */
export function decideWithdraw(s: { lead: EvidenceLead | null; evidence: EvidenceRecord | null }, cmd: WithdrawEvidenceCommand): EvidenceEvent {
  const { lead, evidence: e } = s;
  if (!lead || !e || !maySeeEvidence(cmd.by, lead, e)) throw refuse('EVIDENCE_NOT_FOUND');
  if (!mayDo(cmd.by.roles, 'evidence')) throw refuse('EVIDENCE_ROLE_REQUIRED');
  if (e.uploadedByAgency !== cmd.by.agency) throw refuse('EVIDENCE_WITHDRAW_OTHER_AGENCY', { agency: e.uploadedByAgency });
  if (e.withdrawnAt) throw refuse('EVIDENCE_ALREADY_WITHDRAWN', { withdrawnOn: e.withdrawnAt.toISOString().slice(0, 10) });
  const reason = cleanText(cmd.reason, 'paragraph');
  const rp = textProblem(reason, { required: true });
  if (rp?.rule === 'required') throw invalidInput([invalid('reason', 'FIELD_REQUIRED')]);
  if (rp?.rule === 'tooLong') throw invalidInput([invalid('reason', 'TEXT_TOO_LONG', { max: rp.max })]);
  return event('EVIDENCE_WITHDRAWN', entity(e.id), lead.id, { evidenceId: e.id, kind: e.kind, digest: e.digest }, { ...(e.containsPersonalData ? {} : { title: e.title }), reason });
}

export interface DownloadEvidenceCommand {
  type: 'downloadEvidence';
  evidenceId: string;
  by: Principal;
  at: Date;
}

/** A download, once allowed, is itself on the record. */
export function decideDownload(s: { lead: EvidenceLead | null; evidence: EvidenceRecord | null }, cmd: DownloadEvidenceCommand): EvidenceEvent {
  const { lead, evidence: e } = s;
  if (!lead || !e || !maySeeEvidence(cmd.by, lead, e)) throw refuse('EVIDENCE_NOT_FOUND');
  return event('EVIDENCE_DOWNLOADED', entity(e.id), lead.id, { evidenceId: e.id, digest: e.digest, containsPersonalData: e.containsPersonalData });
}
