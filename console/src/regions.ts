import { useEffect, useState } from 'react';

/** GB/T 2260 names, served by the gateway at /console/regions.json (lib/region-data/README.md): fetched once per tab. */
type Names = { current: Record<string, string>; former: Record<string, string> };
let names: Promise<Names> | undefined;
const load = () =>
  (names ??= fetch('/console/regions.json')
    .then((r) => (r.ok ? (r.json() as Promise<Names>) : { current: {}, former: {} }))
    .catch(() => ({ current: {}, former: {} })));

const NATIONAL = '000000';

/** The province, city and county a code lies in, by name: 140421 → 山西省 长治市 上党区. */
export function regionLabel(n: Names, code: string): string | undefined {
  if (code === NATIONAL) return '全国';
  const name = (c: string) => n.current[c] ?? n.former[c];
  const own = name(code);
  if (!own) return undefined;
  const parts = [`${code.slice(0, 2)}0000`, `${code.slice(0, 4)}00`, code].filter((c, i, all) => all.indexOf(c) === i).map(name).filter(Boolean);
  return parts.join(' ');
}

/** A function naming a region code, e.g. "山西省 长治市 上党区（140421）"; the bare code until the names arrive or when unknown. */
export function useRegionName(): (code: string) => string {
  const [n, setN] = useState<Names>();
  useEffect(() => {
    let live = true;
    void load().then((x) => live && setN(x));
    return () => {
      live = false;
    };
  }, []);
  return (code: string) => {
    const label = n && regionLabel(n, code);
    return label ? `${label}（${code}）` : code;
  };
}
