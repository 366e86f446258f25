/**
 * Evidence files in an S3-compatible object store (HUB_EVIDENCE_S3_*): one object per file under
 * the evidence's id, written once. The upload is streamed in multipart pieces of 5 MB, one at a
 * time, so memory stays flat whatever the file's size; an upload refused half-way (too large, the
 * same file again, the client gone) is aborted before it completes, so no object is left behind.
 */
import { Readable } from 'node:stream';
import { GetObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { Upload } from '@aws-sdk/lib-storage';
import type { EvidenceS3Settings } from '../../../../../lib/config';
import type { EvidenceFiles } from './evidence.files';

/** S3's smallest multipart piece; one in flight at a time. */
const PART_BYTES = 5 * 1024 * 1024;

/** The key is the evidence id: a new id per upload, so no object is ever written twice. */
export const objectKey = (evidenceId: string) => evidenceId;

export function objectStoreFiles(s: EvidenceS3Settings): EvidenceFiles & { client: S3Client; bucket: string } {
  const creds = s.credentials;
  const client = new S3Client({
    endpoint: s.endpoint,
    region: s.region,
    forcePathStyle: s.forcePathStyle,
    // Checksums only where S3 requires them: the SDK's default (CRC32 on every request) is not
    // understood by every S3-compatible store.
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
    ...(creds ? { credentials: async () => ({ accessKeyId: creds.accessKeyId, secretAccessKey: creds.secretAccessKey }) } : {}),
  });
  return {
    storage: 'S3',
    client,
    bucket: s.bucket,
    async put(_tx, evidenceId, body) {
      const key = objectKey(evidenceId);
      const upload = new Upload({
        client,
        params: { Bucket: s.bucket, Key: key, Body: Readable.from(body, { objectMode: false }), ContentType: 'application/octet-stream' },
        partSize: PART_BYTES,
        queueSize: 1,
        // A failed upload aborts its multipart upload: no parts are kept.
        leavePartsOnError: false,
      });
      await upload.done();
      return key;
    },
    async *get(_orm, evidence) {
      const answer = await client.send(new GetObjectCommand({ Bucket: s.bucket, Key: evidence.storageKey ?? objectKey(evidence.id) }));
      const stream = answer.Body as Readable;
      try {
        for await (const chunk of stream) yield chunk as Buffer;
      } finally {
        stream.destroy();
      }
    },
  };
}
