/**
 * Administrative region codes (GB/T 2260): 6 digits, PPCCDD. A province is PP0000, a city PPCC00,
 * a county PPCCDD. 000000 stands for the national level. Staff see their own region and below.
 */

import { refusal, type Refusal } from './errors';

// Provincial-level divisions of GB/T 2260 (including Taiwan, Hong Kong and Macao).
const PROVINCES = new Set([
  '11', '12', '13', '14', '15', '21', '22', '23', '31', '32', '33', '34', '35', '36', '37',
  '41', '42', '43', '44', '45', '46', '50', '51', '52', '53', '54', '61', '62', '63', '64', '65',
  '71', '81', '82',
]);

export const NATIONAL = '000000';

export function regionCodeProblem(code: string): Refusal | undefined {
  if (!/^\d{6}$/.test(code)) return refusal('REGION_CODE_FORMAT');
  if (code === NATIONAL) return undefined;
  if (!PROVINCES.has(code.slice(0, 2))) return refusal('REGION_PROVINCE_UNKNOWN', { province: code.slice(0, 2) });
  if (code.slice(2, 4) === '00' && code.slice(4) !== '00') return refusal('REGION_COUNTY_WITHOUT_CITY');
  return undefined;
}

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

/** The province a region belongs to: 140421 → 140000. */
export function provinceOf(region: string): string {
  return region === NATIONAL ? NATIONAL : `${region.slice(0, 2)}0000`;
}
