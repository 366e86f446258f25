/**
 * Where evidence files' bytes are kept: by default in the registry's PostgreSQL database, 1 MB per
 * row; in production, when HUB_EVIDENCE_S3_BUCKET is set, in an S3-compatible object store. Either
 * way a file goes through in pieces, never whole in memory.
 */
import type { EntityManager } from '@mikro-orm/postgresql';
import type { Orm } from '../../../../../lib/db';
import { evidenceS3Settings } from '../../../../../lib/config';
import { EvidenceChunkRecord } from './evidence.entity';
import { objectStoreFiles } from './evidence.s3';

export const CHUNK_BYTES = 1024 * 1024;
const READ_BYTES = 64 * 1024;

export interface EvidenceFiles {
  readonly storage: 'PG' | 'S3';
  /**
   * Keeps the file's bytes under the evidence's id; `tx` is the upload's transaction (the
   * database's chunks commit with their record). Answers the key the bytes are found under.
   */
  put(tx: EntityManager, evidenceId: string, body: AsyncIterable<Buffer>): Promise<string | null>;
  /** The file's bytes, a piece at a time. */
  get(orm: Orm, evidence: { id: string; storageKey?: string | null }): AsyncIterable<Buffer>;
}

/** Cuts a stream into pieces of exactly `size` bytes (the last one smaller). */
export async function* pieces(body: AsyncIterable<Buffer>, size = CHUNK_BYTES): AsyncGenerator<Buffer> {
  let pending: Buffer[] = [];
  let bytes = 0;
  for await (let chunk of body) {
    while (bytes + chunk.length >= size) {
      const take = size - bytes;
      yield Buffer.concat([...pending, chunk.subarray(0, take)], size);
      chunk = chunk.subarray(take);
      pending = [];
      bytes = 0;
    }
    if (chunk.length) {
      pending.push(chunk);
      bytes += chunk.length;
    }
  }
  if (bytes) yield Buffer.concat(pending, bytes);
}

export const databaseFiles: EvidenceFiles = {
  storage: 'PG',
  async put(tx, evidenceId, body) {
    let seq = 0;
    for await (const data of pieces(body)) await tx.insert(EvidenceChunkRecord, { evidenceId, seq: seq++, data });
    return null;
  },
  async *get(orm, evidence) {
    const em = orm.em.fork() as EntityManager;
    for (let seq = 0; ; seq++) {
      // 64 KB per answer: bytea comes back as hex text, and each pooled connection keeps a
      // buffer as large as the largest answer it read (1 MB answers left ~2 MB in each).
      for (let from = 1; from <= CHUNK_BYTES; from += READ_BYTES) {
        const [row] = await em.execute<{ data: Buffer | null }[]>('select substring(data from ? for ?) as data from lead_evidence_chunk where evidence_id = ? and seq = ?', [from, READ_BYTES, evidence.id, seq]);
        if (!row) {
          if (from === 1) return;
          break;
        }
        if (!row.data?.length) break;
        yield row.data;
        if (row.data.length < READ_BYTES) break;
      }
    }
  },
};

/** The configured place for evidence files: the object store when HUB_EVIDENCE_S3_BUCKET is set. */
export function evidenceFiles(): EvidenceFiles {
  const s3 = evidenceS3Settings();
  return s3 ? objectStoreFiles(s3) : databaseFiles;
}

/**
 * Where one file's bytes are: its record says (files kept in PostgreSQL before the object store
 * was configured are still read from PostgreSQL).
 */
export function filesOf(configured: EvidenceFiles, storage: string): EvidenceFiles {
  if (storage === configured.storage) return configured;
  if (storage === 'PG') return databaseFiles;
  throw new Error(`evidence kept in ${storage}, which is not configured (HUB_EVIDENCE_S3_BUCKET)`);
}
