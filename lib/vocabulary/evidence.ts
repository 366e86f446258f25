/**
 * Evidence on a lead (证据材料): what kinds there are, which file types are taken and how large,
 * shared by the lead registry and the console.
 */
export const EVIDENCE_KINDS = ['LABOUR_CONTRACT', 'ATTENDANCE_RECORD', 'PAYROLL', 'IOU', 'CHAT_RECORD', 'PHOTO', 'EMPLOYER_MATERIAL', 'OTHER'] as const;
export type EvidenceKind = (typeof EVIDENCE_KINDS)[number];

/** Largest file taken, unless HUB_EVIDENCE_MAX_MB says otherwise. */
export const EVIDENCE_MAX_MB = 25;

/** File types taken, by what their content is (never by the name or type the client gives). */
export const EVIDENCE_TYPES = {
  pdf: 'application/pdf',
  jpeg: 'image/jpeg',
  png: 'image/png',
  heic: 'image/heic',
  doc: 'application/msword',
  xls: 'application/vnd.ms-excel',
  ppt: 'application/vnd.ms-powerpoint',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  pptx: 'application/vnd.openxmlformats-officedocument.presentationml.presentation',
  odt: 'application/vnd.oasis.opendocument.text',
  ods: 'application/vnd.oasis.opendocument.spreadsheet',
  odp: 'application/vnd.oasis.opendocument.presentation',
} as const;
export type EvidenceFileType = keyof typeof EVIDENCE_TYPES;

/** A browser can show these itself (images and PDFs); others are downloaded. */
export const previewable = (contentType: string): boolean => contentType === 'application/pdf' || contentType === 'image/jpeg' || contentType === 'image/png';

/** Title of a piece of evidence, in characters. */
export const EVIDENCE_TITLE_MAX = 200;
