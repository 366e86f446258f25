import gbt2260 from './region-data/gbt2260.json';

/**
 * Administrative region codes (GB/T 2260): 6 digits, PPCCDD. A province is PP0000, a city PPCC00,
 * a county PPCCDD. 000000 stands for the national level. Staff see their own region and below.
 */

import { refusal, type Refusal } from './errors';
import { NATIONAL } from './vocabulary/jurisdiction';

export { NATIONAL, jurisdictionPrefix, isWithinJurisdiction } from './vocabulary/jurisdiction';

// Provincial-level divisions of GB/T 2260 (including Taiwan, Hong Kong and Macao).
const PROVINCES = new Set([
  '11', '12', '13', '14', '15', '21', '22', '23', '31', '32', '33', '34', '35', '36', '37',
  '41', '42', '43', '44', '45', '46', '50', '51', '52', '53', '54', '61', '62', '63', '64', '65',
  '71', '81', '82',
]);

export function regionCodeProblem(code: string): Refusal | undefined {
  if (!/^\d{6}$/.test(code)) return refusal('REGION_CODE_FORMAT');
  if (code === NATIONAL) return undefined;
  if (!PROVINCES.has(code.slice(0, 2))) return refusal('REGION_PROVINCE_UNKNOWN', { province: code.slice(0, 2) });
  if (code.slice(2, 4) === '00' && code.slice(4) !== '00') return refusal('REGION_COUNTY_WITHOUT_CITY');
  return undefined;
}

/** The province a region belongs to: 140421 → 140000. */
export function provinceOf(region: string): string {
  return region === NATIONAL ? NATIONAL : `${region.slice(0, 2)}0000`;
}

/** The codes that exist (GB/T 2260, province to county), current and former: lib/region-data/README.md names the sources. */
const known: { current: Record<string, string>; former: Record<string, string> } = gbt2260;
const regionList = () => known;

/** 'current', 'former' (abolished or renumbered, kept for old leads), or undefined for a code that never existed. */
export function regionStatus(code: string): 'current' | 'former' | undefined {
  if (code === NATIONAL) return 'current';
  const list = regionList();
  if (Object.hasOwn(list.current, code)) return 'current';
  if (Object.hasOwn(list.former, code)) return 'former';
  return undefined;
}

/** The region's name (中文), current or former: 140400 → 长治市; undefined for an unknown code. */
export function regionName(code: string): string | undefined {
  if (code === NATIONAL) return '全国';
  const list = regionList();
  return Object.hasOwn(list.current, code) ? list.current[code] : Object.hasOwn(list.former, code) ? list.former[code] : undefined;
}

/** Like regionCodeProblem, and the code must also be one that exists or existed. */
export function knownRegionProblem(code: string): Refusal | undefined {
  const problem = regionCodeProblem(code);
  if (problem) return problem;
  return regionStatus(code) ? undefined : refusal('REGION_UNKNOWN', { region: code });
}

/** Every code with its name, for the console: { current: {code: name}, former: {code: name} }. */
export const regionNames = () => regionList();
