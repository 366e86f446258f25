/**
 * Evidence kept: an upload streamed into its place and recorded in one transaction, with its audit
 * and timeline entries; withdrawals; downloads on the record (and, for files holding personal
 * data, in the record of who saw personal data).
 */
import { createHash } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { Orm } from '../../../../../lib/db';
import type { Principal } from '../../../../../lib/auth';
import type { Tx } from '../../../../../lib/context';
import type { CommandContext } from '../../../../../lib/command/handler';
import { refuse } from '../../../../../lib/errors';
import { readRecords } from '../../../../../lib/read-records';
import { isUuid } from '../../../../../lib/identifiers';
import { handleLeadsCommand } from '../timeline/timeline.store';
import { transactAs } from '../import/import.store';
import { LeadAgencyRecord } from '../lead/lead.entity';
import { PersonalDataAccessRecord } from '../personal-data/personal-data.entity';
import { EvidenceRecord } from './evidence.entity';
import type { EvidenceFiles } from './evidence.files';
import { decideAttach, decideDownload, decideWithdraw, type AttachEvidenceCommand, type EvidenceFields, type EvidenceLead, type WithdrawEvidenceCommand } from './evidence.rules';
import type { FileType } from './evidence.content';

/** Leads as evidence's visibility needs them (one query for any number). */
export async function evidenceLeads(em: EntityManager, ids: readonly string[]): Promise<(EvidenceLead | null)[]> {
  const valid = ids.filter(isUuid);
  const rows = valid.length ? await readRecords(em, LeadAgencyRecord, { leadId: { $in: valid } }, { involvedSince: 'asc' }) : [];
  return ids.map((id) => {
    const mine = rows.filter((r) => r.leadId === id);
    return mine.length ? { id, regionCode: mine[0].leadRegionCode, involvements: mine } : null;
  });
}

export const evidenceLead = async (em: EntityManager, id: string) => (await evidenceLeads(em, [id]))[0];

/** Every piece of evidence on each lead, oldest first (one query for a page of leads). */
export async function evidenceOfLeads(em: EntityManager, leadIds: readonly string[]): Promise<EvidenceRecord[][]> {
  const valid = leadIds.filter(isUuid);
  const rows = valid.length ? await readRecords(em, EvidenceRecord, { leadId: { $in: valid } }, { uploadedAt: 'asc', id: 'asc' }) : [];
  return leadIds.map((id) => rows.filter((r) => r.leadId === id));
}

/** A command context whose transaction is the one already open (the upload's). */
const within = (tx: Tx, by: Principal): CommandContext => ({ principal: by, transact: (work) => work(tx) });

/** The same file on the same lead, still standing: the upload was sent twice. */
class AlreadyAttached extends Error {
  constructor(readonly evidence: EvidenceRecord) {
    super('already attached');
  }
}

/** Counts and digests a stream as it passes, refusing it past the limit. */
function measured(body: AsyncIterable<Buffer>, maxBytes: number) {
  const hash = createHash('sha256');
  const m = {
    size: 0,
    digest: () => hash.digest('hex'),
    async *bytes(): AsyncGenerator<Buffer> {
      for await (const chunk of body) {
        m.size += chunk.length;
        if (m.size > maxBytes) throw refuse('EVIDENCE_FILE_TOO_LARGE', { max: Math.round(maxBytes / 1024 / 1024) });
        hash.update(chunk);
        yield chunk;
      }
    },
  };
  return m;
}

export interface Upload {
  id: string;
  lead: EvidenceLead;
  fields: EvidenceFields;
  type: FileType;
  body: AsyncIterable<Buffer>;
  maxBytes: number;
}

/**
 * Streams the file into its place and records it, in one transaction: a file refused half-way
 * (too large, the client gone) leaves nothing. The same file sent again for the same lead answers
 * the evidence already there.
 */
export async function attachEvidence(orm: Orm, files: EvidenceFiles, by: Principal, requestId: string, u: Upload): Promise<{ evidence: EvidenceRecord; existed: boolean }> {
  try {
    const evidence = await transactAs(orm, undefined, by, requestId, async (tx) => {
      const m = measured(u.body, u.maxBytes);
      let digest = '';
      // Checked after the last byte and before the stream ends, so that a refused file is never
      // completed in the store (an object store's multipart upload is aborted instead).
      let refused: unknown;
      const checked = async function* () {
        try {
          yield* m.bytes();
          if (!m.size) throw refuse('EVIDENCE_FILE_EMPTY');
          digest = m.digest();
          const same = await tx.em.findOne(EvidenceRecord, { leadId: u.lead.id, digest, withdrawnAt: null });
          if (same) throw new AlreadyAttached(same);
        } catch (e) {
          throw (refused = e);
        }
      };
      // The object store may answer an error of its own for the stream's: the stream's is the reason.
      const storageKey = await files.put(tx.em, u.id, checked()).catch((e: unknown) => {
        throw refused ?? e;
      });
      const cmd: AttachEvidenceCommand = { type: 'attachEvidence', evidenceId: u.id, lead: u.lead, fields: u.fields, file: { contentType: u.type.contentType, sizeBytes: m.size, digest }, by, at: new Date() };
      let created: EvidenceRecord | undefined;
      return handleLeadsCommand(within(tx, by), {
        command: cmd,
        load: async () => null,
        decide: decideAttach,
        apply(t) {
          const f = cmd.fields;
          created = t.em.create(EvidenceRecord, {
            id: cmd.evidenceId, leadId: u.lead.id, kind: f.kind, title: f.title, documentDate: f.documentDate, fileName: f.fileName,
            contentType: u.type.contentType, extension: u.type.type, sizeBytes: String(m.size), digest, containsPersonalData: f.containsPersonalData,
            storage: files.storage, storageKey, uploadedAt: cmd.at, uploadedBy: by.id, uploadedByName: by.name, uploadedByAgency: by.agency,
          });
          t.em.persist(created);
        },
        result: () => created!,
      });
    });
    return { evidence, existed: false };
  } catch (e) {
    if (e instanceof AlreadyAttached) return { evidence: e.evidence, existed: true };
    throw e;
  }
}

const loadForAct = async (em: EntityManager, evidenceId: string, lock: boolean) => {
  if (!isUuid(evidenceId)) return { lead: null, evidence: null };
  const evidence = await em.findOne(EvidenceRecord, { id: evidenceId }, lock ? { lockMode: 4 /* PESSIMISTIC_WRITE */, refresh: true } : {});
  return { lead: evidence ? await evidenceLead(em, evidence.leadId) : null, evidence };
};

export function withdrawEvidence(ctx: CommandContext, cmd: WithdrawEvidenceCommand): Promise<EvidenceRecord> {
  return handleLeadsCommand(ctx, {
    command: cmd,
    load: (tx) => loadForAct(tx.em, cmd.evidenceId, true),
    decide: decideWithdraw,
    apply(_tx, s, e) {
      if (e.kind !== 'EVIDENCE_WITHDRAWN') return;
      Object.assign(s.evidence!, { withdrawnAt: cmd.at, withdrawnBy: cmd.by.id, withdrawnByName: cmd.by.name, withdrawnByAgency: cmd.by.agency, withdrawalReason: e.text?.reason ?? '' });
    },
    result: (s) => s.evidence!,
  });
}

/**
 * A download allowed and on the record before its first byte is sent: the audit trail, and for a
 * file holding personal data the record of who saw personal data.
 */
export function recordDownload(orm: Orm, by: Principal, requestId: string, evidenceId: string): Promise<EvidenceRecord> {
  return transactAs(orm, undefined, by, requestId, (tx) =>
    handleLeadsCommand(within(tx, by), {
      command: { type: 'downloadEvidence' as const, evidenceId, by, at: new Date() },
      load: () => loadForAct(tx.em, evidenceId, false),
      decide: decideDownload,
      apply(t, s) {
        const e = s.evidence!;
        if (!e.containsPersonalData) return;
        t.em.persist(t.em.create(PersonalDataAccessRecord, {
          at: new Date(), kind: 'SEEN', leadId: e.leadId, leadRegionCode: s.lead!.regionCode, complainantOrdinal: null, subjectDigest: null, evidenceId: e.id,
          fields: ['EVIDENCE_FILE'], viewerId: by.id, viewerName: by.name, viewerAgency: by.agency, viewerRegion: by.region, operation: null, via: 'evidenceDownload', requestId,
        }));
      },
      result: (s) => s.evidence!,
    }),
  );
}
