import { useEffect, useState } from 'react';
import { NATIONAL, isWithinJurisdiction } from '../../lib/vocabulary';

/** GB/T 2260 names, served by the gateway at /console/regions.json (lib/region-data/README.md): fetched once per tab. */
type Names = { current: Record<string, string>; former: Record<string, string> };
let names: Promise<Names> | undefined;
const load = () =>
  (names ??= fetch('/console/regions.json')
    .then((r) => (r.ok ? (r.json() as Promise<Names>) : { current: {}, former: {} }))
    .catch(() => ({ current: {}, former: {} })));

/** The province, city and county a code lies in, by name: 140421 → 山西省 长治市 长治县. */
export function regionLabel(n: Names, code: string): string | undefined {
  if (code === NATIONAL) return '全国';
  const name = (c: string) => n.current[c] ?? n.former[c];
  const own = name(code);
  if (!own) return undefined;
  const parts = [`${code.slice(0, 2)}0000`, `${code.slice(0, 4)}00`, code].filter((c, i, all) => all.indexOf(c) === i).map(name).filter(Boolean);
  return parts.join(' ');
}

function useNames(): Names | undefined {
  const [n, setN] = useState<Names>();
  useEffect(() => {
    let live = true;
    void load().then((x) => live && setN(x));
    return () => {
      live = false;
    };
  }, []);
  return n;
}

/** A function naming a region code, e.g. "山西省 长治市 长治县（140421）"; the bare code until the names arrive or when unknown. */
export function useRegionName(): (code: string) => string {
  const n = useNames();
  return (code: string) => {
    const label = n && regionLabel(n, code);
    return label ? `${label}（${code}）` : code;
  };
}

export interface RegionChoice {
  code: string;
  label: string;
  /** Abolished or renumbered: still valid for arrears that arose there before. */
  former: boolean;
}

/**
 * The regions inside a jurisdiction, by code, current first then former (old leads and old
 * employers' addresses still carry them); undefined until the names arrive.
 */
export function useRegionsWithin(jurisdiction: string): RegionChoice[] | undefined {
  const n = useNames();
  if (!n) return undefined;
  const pick = (list: Record<string, string>, former: boolean) =>
    Object.keys(list)
      .filter((code) => isWithinJurisdiction(code, jurisdiction) && (former ? !Object.hasOwn(n.current, code) : true))
      .sort()
      .map((code) => ({ code, label: `${regionLabel(n, code) ?? code}（${code}）`, former }));
  return [...pick(n.current, false), ...pick(n.former, true)];
}
