/**
 * What a file is, from its first bytes (magic-bytes.js), never from the name or type the client
 * gives. The name only chooses among the types one container can be (an Office file is a ZIP or a
 * Compound File whichever application wrote it): a name that says PDF on bytes that are not is refused.
 */
import { filetypeinfo } from 'magic-bytes.js';
import { EVIDENCE_TYPES, type EvidenceFileType } from '../../../../../lib/vocabulary/evidence';

/** magic-bytes.js names → the types evidence takes. */
const DETECTED: Record<string, EvidenceFileType> = {
  pdf: 'pdf', jpg: 'jpeg', png: 'png', heif: 'heic', heic: 'heic', doc: 'doc', xls: 'xls', ppt: 'ppt',
  docx: 'docx', xlsx: 'xlsx', pptx: 'pptx', odt: 'odt', ods: 'ods', odp: 'odp',
};
const BY_NAME: Record<string, EvidenceFileType> = { ...DETECTED, jpeg: 'jpeg', jpe: 'jpeg', heics: 'heic' };
const ZIP_BASED: ReadonlySet<EvidenceFileType> = new Set(['docx', 'xlsx', 'pptx', 'odt', 'ods', 'odp']);

export interface FileType {
  type: EvidenceFileType;
  contentType: string;
}

/** The file's type from its head (the first few KB suffice), or undefined when evidence does not take it. */
export function fileTypeOf(head: Buffer, fileName: string): FileType | undefined {
  const candidates = [...new Set(filetypeinfo(head).map((t) => DETECTED[t.typename]).filter((t): t is EvidenceFileType => !!t))];
  if (!candidates.length) return undefined;
  // A bare ZIP is no Office document: its first entry names the package's parts.
  if (candidates.every((c) => ZIP_BASED.has(c)) && !head.includes('[Content_Types].xml') && !head.includes('mimetypeapplication/vnd.oasis.opendocument')) return undefined;
  const named = BY_NAME[(/\.([A-Za-z0-9]{1,8})$/.exec(fileName)?.[1] ?? '').toLowerCase()];
  const type = candidates.length === 1 ? candidates[0] : named && candidates.includes(named) ? named : undefined;
  return type && { type, contentType: EVIDENCE_TYPES[type] };
}

/** How many bytes of the head are looked at. */
export const HEAD_BYTES = 64 * 1024;
