/** The names people read for the hub's vocabulary, in each language the hub speaks. */
import type { Agency, TransferKind } from '../domain/enums';

export type Lang = 'zh' | 'en';

/** zh when the request's Accept-Language prefers any Chinese over English, else en. */
export function preferredLang(acceptLanguage: string | null | undefined): Lang {
  if (!acceptLanguage) return 'en';
  const ranked = acceptLanguage
    .split(',')
    .map((part, i) => {
      const [tag, ...params] = part.trim().toLowerCase().split(';');
      const q = params.map((p) => /^\s*q=([0-9.]+)\s*$/.exec(p)?.[1]).find((v) => v !== undefined);
      return { tag, q: q === undefined ? 1 : Number(q), i };
    })
    .filter((l) => l.tag && l.q > 0)
    .sort((a, b) => b.q - a.q || a.i - b.i);
  const first = ranked.find((l) => l.tag.startsWith('zh') || l.tag.startsWith('en') || l.tag === '*');
  return first?.tag.startsWith('zh') ? 'zh' : 'en';
}

export const AGENCY_NAMES: Record<Lang, Record<string, string>> = {
  zh: { UNION: '工会', INSPECTION: '劳动保障监察', PROCURATORATE: '检察院', COURT: '法院' } satisfies Record<Agency, string>,
  en: { UNION: 'the union', INSPECTION: 'labour inspection', PROCURATORATE: 'the procuratorate', COURT: 'the court' } satisfies Record<Agency, string>,
};

export const TRANSFER_KIND_NAMES: Record<Lang, Record<TransferKind, string>> = {
  zh: { REFERRAL: '移送', SUPPORT_TO_SUE: '申请支持起诉', COURT_FILING: '起诉立案', DELEGATED_MEDIATION: '诉调对接' },
  en: { REFERRAL: 'referral (移送)', SUPPORT_TO_SUE: 'application for support to sue (支持起诉)', COURT_FILING: 'court filing (起诉立案)', DELEGATED_MEDIATION: 'delegated mediation (诉调对接)' },
};

/** Who acted, as staff name each other: the unit (agency and region) and the person's name. */
export function actorLabel(a: { name?: string | null; agency: string; region?: string | null; id: string }, lang: Lang): string {
  const unit = `${AGENCY_NAMES[lang][a.agency] ?? a.agency}${a.region ? (lang === 'zh' ? `（${a.region}）` : ` (${a.region})`) : ''}`;
  const name = a.name || a.id;
  return lang === 'zh' ? `${unit}${name}` : `${name} of ${unit}`;
}
