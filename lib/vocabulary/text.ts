/**
 * Text staff type, one rule everywhere: cleaned the same way, at most TEXT_MAX characters counted
 * in code points (a CJK character or an emoji is one), as a person counts them.
 */

/** The longest reason, note, summary or description the hub keeps. */
export const TEXT_MAX = 2000;

/** Length as a person counts it: code points, not UTF-16 units. */
export const textLength = (s: string): number => [...s].length;

// C0 controls and DEL, but for tab and the line breaks a paragraph keeps.
const CONTROLS_BUT_BREAKS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/g;

// Invisible and bidirectional formatting characters (Unicode category Cf: zero-width spaces and
// joiners, byte-order marks, soft hyphens, LRM/RLM, embeddings, overrides, isolates) and C1 controls.
const INVISIBLE = /[\p{Cf}\u0080-\u009F]/gu;

/**
 * Cleans a text field as staff typed it: Unicode NFC, the ends trimmed. A line (a reason, a note)
 * has control characters turned into spaces and runs of white space folded to one; a name (an
 * employer, project, contractor or person) is a line that also loses invisible and bidirectional
 * formatting characters, which change nothing a person sees, or reorder it ("RLO" turns 公司 into
 * 司公), and would make two identical-looking names different; a paragraph (a lead's description,
 * feedback) keeps its line breaks, drops the other control characters and folds runs of spaces.
 */
export function cleanText(value: string | null | undefined, shape: 'line' | 'name' | 'paragraph' = 'line'): string {
  if (value == null) return '';
  const s = value.normalize('NFC');
  if (shape === 'name') return cleanText(s.replace(INVISIBLE, ''), 'line');
  if (shape === 'line') return s.replace(/[\u0000-\u001F\u007F]/g, ' ').replace(/\s+/g, ' ').trim();
  return s.replace(CONTROLS_BUT_BREAKS, '').replace(/[ \t\u3000]+/g, ' ').trim();
}

/** Why a cleaned text is not acceptable, or undefined: required and empty, or over the limit. */
export function textProblem(cleaned: string, o: { required?: boolean; max?: number } = {}): { rule: 'required' } | { rule: 'tooLong'; max: number } | undefined {
  const max = o.max ?? TEXT_MAX;
  if (o.required && !cleaned) return { rule: 'required' };
  if (textLength(cleaned) > max) return { rule: 'tooLong', max };
  return undefined;
}
