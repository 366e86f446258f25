/**
 * Jurisdictions by GB/T 2260 code (PPCCDD): staff see and act on their own region and below. Pure,
 * so the console offers exactly the regions the services accept.
 */
export const NATIONAL = '000000';

/** The prefix every code inside this jurisdiction starts with: 140000 → "14", 140400 → "1404". */
export function jurisdictionPrefix(region: string): string {
  if (region === NATIONAL) return '';
  if (region.endsWith('0000')) return region.slice(0, 2);
  if (region.endsWith('00')) return region.slice(0, 4);
  return region;
}

export function isWithinJurisdiction(regionCode: string, jurisdiction: string): boolean {
  return regionCode.startsWith(jurisdictionPrefix(jurisdiction));
}
