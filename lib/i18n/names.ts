/** The names people read for the hub's vocabulary in timeline entries, in each language the hub speaks. */
import type { Agency, TransferKind } from '../domain/enums';
import { AGENCY_ZH, TRANSFER_KIND_ZH } from './labels';
import type { Language } from './language';

export type Lang = Language;

export const AGENCY_NAMES: Record<Lang, Record<string, string>> = {
  zh: AGENCY_ZH,
  en: { UNION: 'the union', INSPECTION: 'labour inspection', PROCURATORATE: 'the procuratorate', COURT: 'the court' } satisfies Record<Agency, string>,
};

export const TRANSFER_KIND_NAMES: Record<Lang, Record<TransferKind, string>> = {
  zh: TRANSFER_KIND_ZH,
  en: { REFERRAL: 'referral (移送)', SUPPORT_TO_SUE: 'application for support to sue (支持起诉)', COURT_FILING: 'court filing (起诉立案)', DELEGATED_MEDIATION: 'delegated mediation (诉调对接)' },
};

/** The unit a staff member acts for: their agency and region. */
export function unitLabel(a: { agency: string; region?: string | null }, lang: Lang): string {
  const agency = AGENCY_NAMES[lang][a.agency] ?? a.agency;
  if (!a.region) return agency;
  return lang === 'zh' ? `${agency}（${a.region}）` : `${agency} (${a.region})`;
}

/** Who acted, as staff name each other: the unit and the person's name. */
export function actorLabel(a: { name?: string | null; agency: string; region?: string | null; id: string }, lang: Lang): string {
  const name = a.name || a.id;
  return lang === 'zh' ? `${unitLabel(a, lang)}${name}` : `${name} of ${unitLabel(a, lang)}`;
}
