/**
 * A one-line text field as staff typed it (a reason, a summary, a note): control characters become
 * spaces, runs of white space fold to one, the ends are trimmed.
 */
export const cleanLine = (s: string | null | undefined): string => (s ?? '').replace(/[\u0000-\u001F\u007F]/g, ' ').replace(/\s+/g, ' ').trim();
