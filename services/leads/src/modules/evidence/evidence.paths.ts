/** Where the gateway forwards evidence uploads and downloads. */
export const EVIDENCE_PATH = '/evidence';
/** A file's download path, as the API gives it out. */
export const evidenceFilePath = (id: string) => `${EVIDENCE_PATH}/${id}/file`;
