/** Brackets of every width: "（集团）" and "(集团)" are the same name. */
const BRACKETS = /^[()[\]{}（）［］｛｝【】〔〕〖〗《》〈〉「」『』]$/u;

/**
 * Employer names arrive typed by hand through many channels. The normalised form folds only what
 * does not make a different name: spacing, brackets of any width, and the width and case of Latin
 * letters and digits ("山西某某建筑（集团）有限公司" and "山西某某建筑(集团)有限公司 " find the same
 * employer; so do "ＡＢＣ" and "abc"). Every other character counts as written: "=1+1", "＝1+1" and
 * "11" are three employers, not one, and "A&B" is not "AB".
 */
export function normalizeEmployerName(name: string): string {
  let key = '';
  for (const ch of name.normalize('NFC')) {
    const folded = ch.normalize('NFKC');
    if (/^\s+$/u.test(folded) || BRACKETS.test(ch)) continue;
    key += /^[A-Za-z0-9]$/.test(folded) ? folded.toUpperCase() : ch;
  }
  return key;
}
