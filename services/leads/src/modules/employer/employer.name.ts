/**
 * Employer names arrive typed by hand through many channels. The normalised form folds full-width
 * characters, brackets and spacing so that "山西某某建筑（集团）有限公司" and "山西某某建筑(集团)有限公司 "
 * find the same employer.
 */
export function normalizeEmployerName(name: string): string {
  return name
    .normalize('NFKC')
    .toUpperCase()
    .replace(/[\s\p{P}\p{S}]+/gu, '');
}
