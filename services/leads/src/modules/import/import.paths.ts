/** Where the gateway forwards bulk-import uploads and downloads. */
export const IMPORTS_PATH = '/imports';
