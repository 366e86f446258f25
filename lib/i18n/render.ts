/** Renders a reason's message in a language from the catalogue (lib/i18n/reasons.ts). */
import type { Language } from './language';
import { REASONS, type ParamValue, type Reason } from './reasons';
import { AGENCY_NAME_EN, AGENCY_ZH, OUTCOME_ZH, ROLE_ZH, STATE_ZH, TRANSFER_KIND_ZH, TRANSFER_ROUTE, WEEKDAY_ZH, fieldLabel } from './labels';

const SHANGHAI = new Intl.DateTimeFormat('zh-CN', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hour12: false });
const SERVICE_ZH: Record<string, string> = { leads: '线索', union: '工会', inspection: '劳动保障监察', litigation: '诉讼', requested: '所请求的' };

const IMPORT_STATUS_ZH: Record<string, string> = { UPLOADED: '已上传', QUEUED: '排队中', RUNNING: '导入中', DONE: '已完成', REFUSED: '未导入', CANCELLED: '已取消', FAILED: '失败' };
const FUND_TOTAL_ZH: Record<string, string> = { balance: '余额', 'advanced total': '累计垫付', 'recovered total': '累计追回' };
const CLAIM_ZH: Record<string, string> = { 'staff id': '工作人员编号', 'staff name': '工作人员姓名', agency: '单位', region: '地区', roles: '角色' };
const list = (v: ParamValue): readonly string[] => (typeof v === 'object' ? v : [String(v)]);
const word = (map: Record<string, string>, v: ParamValue) => map[String(v)] ?? String(v);

/** Formats of `{name:format}`; English shows codes as the API spells them, Chinese the staff's words. */
const FORMATS: Record<string, (v: ParamValue, lang: Language) => string> = {
  agency: (v, lang) => (lang === 'zh' ? word(AGENCY_ZH, v) : String(v)),
  agencyName: (v, lang) => word(lang === 'zh' ? AGENCY_ZH : AGENCY_NAME_EN, v),
  role: (v, lang) => (lang === 'zh' ? word(ROLE_ZH, v) : String(v)),
  roles: (v, lang) => (lang === 'zh' ? list(v).map((x) => word(ROLE_ZH, x)).join('或') : list(v).join(' or ')),
  state: (v, lang) => (lang === 'zh' ? word(STATE_ZH, v) : String(v)),
  kind: (v, lang) => (lang === 'zh' ? word(TRANSFER_KIND_ZH, v) : String(v)),
  route: (v, lang) => word(TRANSFER_ROUTE[lang], v),
  outcome: (v, lang) => (lang === 'zh' ? word(OUTCOME_ZH, v) : String(v)),
  weekday: (v, lang) => (lang === 'zh' ? word(WEEKDAY_ZH, v) : String(v)),
  service: (v, lang) => (lang === 'zh' ? word(SERVICE_ZH, v) : String(v)),
  claim: (v, lang) => (lang === 'zh' ? word(CLAIM_ZH, v) : String(v)),
  importStatus: (v, lang) => (lang === 'zh' ? word(IMPORT_STATUS_ZH, v) : String(v)),
  fundTotal: (v, lang) => (lang === 'zh' ? word(FUND_TOTAL_ZH, v) : String(v)),
  list: (v, lang) => list(v).join(lang === 'zh' ? '、' : ', '),
  time: (v, lang) => {
    const d = new Date(String(v));
    return lang === 'zh' && !Number.isNaN(d.getTime()) ? SHANGHAI.format(d) : String(v);
  },
};
export const FORMAT_NAMES = Object.keys(FORMATS);

/** The message of `reason` in `lang`, its placeholders filled from `params` (and `field`). */
export function renderReason(reason: Reason, params: Record<string, ParamValue> | undefined, lang: Language, field?: string): string {
  const template: string = REASONS[reason][lang];
  return template.replace(/\{(\w+)(?::(\w+))?\}/g, (whole, name: string, format?: string) => {
    if (name === 'field') return field === undefined ? '' : fieldLabel(field, lang);
    const v = params?.[name];
    if (v === undefined) return whole;
    if (format) return FORMATS[format]?.(v, lang) ?? String(v);
    return list(v).join(lang === 'zh' ? '、' : ', ');
  });
}
