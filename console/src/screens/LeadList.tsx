import { useState, type FormEvent } from 'react';
import { SearchLeadsDocument, type Agency, type ClosureState, type Industry, type LeadFilter, type LeadOrder } from '../../../client';
import { downloadReport, hub } from '../api';
import { useLoad } from '../hooks';
import { AGENCY, CLOSURE_STATE, FEEDBACK_STATE, INDUSTRY, LEAD_ORDER, TRANSFER_STATE, day, entries, searchOutcome, yuan } from '../labels';

interface Form {
  regionCode: string;
  industry: Industry | '';
  agency: Agency | '';
  closureState: ClosureState | '';
  isMassCase: boolean;
  feedbackOverdue: boolean;
  employerName: string;
}
/** The page sizes offered; the API allows up to 100 (lib/graphql/pagination.ts MAX_PAGE). */
const PAGE_SIZES = [20, 50, 100] as const;
const PAGE_SIZE_KEY = 'hub.leadList.pageSize';
function savedPageSize(): number {
  try {
    const n = Number(localStorage.getItem(PAGE_SIZE_KEY));
    return (PAGE_SIZES as readonly number[]).includes(n) ? n : 20;
  } catch {
    return 20;
  }
}

const EMPTY: Form = { regionCode: '', industry: '', agency: '', closureState: '', isMassCase: false, feedbackOverdue: false, employerName: '' };

function toFilter(f: Form): LeadFilter {
  return {
    ...(f.regionCode.trim() ? { regionCode: f.regionCode.trim() } : {}),
    ...(f.industry ? { industry: f.industry } : {}),
    ...(f.agency ? { agency: f.agency } : {}),
    ...(f.closureState ? { closureState: f.closureState } : {}),
    ...(f.isMassCase ? { isMassCase: true } : {}),
    ...(f.feedbackOverdue ? { feedbackOverdue: true } : {}),
    ...(f.employerName.trim() ? { employerName: f.employerName.trim() } : {}),
  };
}

export function LeadList() {
  const [form, setForm] = useState<Form>(EMPTY);
  const [filter, setFilter] = useState<LeadFilter>({});
  const [after, setAfter] = useState<string[]>([]);
  const [text, setText] = useState('');
  const [search, setSearch] = useState<string | null>(null);
  const [order, setOrder] = useState<LeadOrder>('RECEIVED_DESC');
  const [size, setSize] = useState<number>(savedPageSize);
  const { data, error, loading } = useLoad(
    () => hub.request(SearchLeadsDocument, { filter, search, orderBy: order, first: size, after: after.at(-1) }),
    [JSON.stringify(filter), search, order, size, after.length],
  );
  const choose = (n: number) => {
    // Remembered in this browser: staff pick it once, not on every visit.
    try {
      localStorage.setItem(PAGE_SIZE_KEY, String(n));
    } catch {
      /* private mode: the choice lasts for this visit only */
    }
    setAfter([]);
    setSize(n);
  };
  const [exported, setExported] = useState<{ ok: boolean; text: string } | null>(null);
  /** The list as it stands (filters, search, order) as a file; the service caps it at 5000 leads. */
  const exportAs = async (format: 'xlsx' | 'csv') => {
    setExported(null);
    const params: Record<string, string> = Object.fromEntries(Object.entries(filter).map(([k, v]) => [k, String(v)]));
    if (search) params.search = search;
    params.orderBy = order;
    try {
      await downloadReport(`lead-list.${format}`, params);
      setExported({ ok: true, text: `已下载线索列表${format === 'xlsx' ? '电子表格' : '逗号分隔文件'}：按当前筛选、搜索和排序，最多 5000 条；投诉人证件号和电话按本单位可见范围显示。` });
    } catch (e) {
      setExported({ ok: false, text: `导出失败：${(e as Error).message}` });
    }
  };
  const find = (e: FormEvent) => {
    e.preventDefault();
    setAfter([]);
    setSearch(text.trim() || null);
  };
  const set = <K extends keyof Form>(k: K, v: Form[K]) => setForm((f) => ({ ...f, [k]: v }));
  const apply = (e: FormEvent) => {
    e.preventDefault();
    setAfter([]);
    setFilter(toFilter(form));
  };

  const leads = data?.leads;
  return (
    <>
      <h1 tabIndex={-1}>线索列表</h1>
      <form className="filters" role="search" onSubmit={find} aria-label="搜索线索">
        <div className="field wide">
          <label htmlFor="f-search">搜索</label>
          <input id="f-search" type="search" maxLength={100} value={text} onChange={(e) => setText(e.target.value)} aria-describedby="f-search-hint" />
          <p id="f-search-hint" className="help">线索编号、统一社会信用代码、投诉人身份证号或联系电话（完整输入），或投诉人姓名、企业名称的开头</p>
        </div>
        <div className="buttons">
          <button type="submit">搜索</button>
          {search && (
            <button type="button" className="secondary" onClick={() => (setText(''), setAfter([]), setSearch(null))}>
              清除搜索
            </button>
          )}
        </div>
      </form>
      <form className="filters" onSubmit={apply} aria-label="筛选线索">
        <div className="field">
          <label htmlFor="f-region">地区代码</label>
          <input id="f-region" inputMode="numeric" value={form.regionCode} onChange={(e) => set('regionCode', e.target.value)} placeholder="如 140400" />
        </div>
        <div className="field">
          <label htmlFor="f-employer">企业名称</label>
          <input id="f-employer" value={form.employerName} onChange={(e) => set('employerName', e.target.value)} />
        </div>
        <div className="field">
          <label htmlFor="f-industry">所属行业</label>
          <select id="f-industry" value={form.industry} onChange={(e) => set('industry', e.target.value as Industry | '')}>
            <option value="">全部</option>
            {entries(INDUSTRY).map(([k, v]) => (
              <option key={k} value={k}>{v}</option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="f-agency">涉及机构</label>
          <select id="f-agency" value={form.agency} onChange={(e) => set('agency', e.target.value as Agency | '')}>
            <option value="">全部</option>
            {entries(AGENCY).map(([k, v]) => (
              <option key={k} value={k}>{v}</option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="f-closure">本单位办结状态</label>
          <select id="f-closure" value={form.closureState} onChange={(e) => set('closureState', e.target.value as ClosureState | '')}>
            <option value="">全部</option>
            {entries(CLOSURE_STATE).map(([k, v]) => (
              <option key={k} value={k}>{v}</option>
            ))}
          </select>
        </div>
        <div className="field check">
          <input id="f-mass" type="checkbox" checked={form.isMassCase} onChange={(e) => set('isMassCase', e.target.checked)} />
          <label htmlFor="f-mass">仅群体性欠薪（50人以上）</label>
        </div>
        <div className="field check">
          <input id="f-overdue" type="checkbox" checked={form.feedbackOverdue} onChange={(e) => set('feedbackOverdue', e.target.checked)} />
          <label htmlFor="f-overdue">仅反馈逾期</label>
        </div>
        <div className="buttons">
          <button type="submit">筛选</button>
          <button type="button" className="secondary" onClick={() => (setForm(EMPTY), setAfter([]), setFilter({}))}>
            清除条件
          </button>
        </div>
      </form>
      {error && <p role="alert" className="error">{error}</p>}
      {loading && <p>正在加载…</p>}
      <div className="list-controls">
        <div className="field sort">
          <label htmlFor="f-order">排序</label>
          <select id="f-order" value={order} onChange={(e) => (setAfter([]), setOrder(e.target.value as LeadOrder))}>
            {entries(LEAD_ORDER).map(([k, v]) => (
              <option key={k} value={k}>{v}</option>
            ))}
          </select>
        </div>
        <div className="field sort">
          <label htmlFor="f-size">每页条数</label>
          <select id="f-size" value={size} onChange={(e) => choose(Number(e.target.value))}>
            {PAGE_SIZES.map((n) => (
              <option key={n} value={n}>{n} 条</option>
            ))}
          </select>
        </div>
      </div>
      {leads && (
        <>
          <div className="buttons no-print">
            <button type="button" className="secondary" onClick={() => void exportAs('xlsx')}>导出电子表格</button>
            <button type="button" className="secondary" onClick={() => void exportAs('csv')}>导出逗号分隔文件</button>
          </div>
          {exported && (exported.ok ? <p className="done" role="status" aria-label="导出结果">{exported.text}</p> : <p role="alert" className="error">{exported.text}</p>)}
          <p role="status">{leads.search ? searchOutcome(leads.search.kind, leads.search.term, leads.totalCount) : `共 ${leads.totalCount} 条线索`}</p>
          {leads.edges.length > 0 && (
            <p className="help">
              第 {after.length * size + 1}–{after.length * size + leads.edges.length} 条
            </p>
          )}
          {leads.edges.length > 0 && (
            <div className="table-wrap lead-cards" tabIndex={0} role="region" aria-label="线索表格">
              {/* Explicit roles: on a phone the rows are laid out as cards (styles.css), and CSS display must not drop table semantics. */}
              <table role="table">
                <caption className="visually-hidden">线索，{LEAD_ORDER[order]}</caption>
                <thead role="rowgroup">
                  <tr role="row">
                    <th scope="col" role="columnheader">线索编号</th>
                    <th scope="col" role="columnheader">受理日期</th>
                    <th scope="col" role="columnheader">企业名称</th>
                    <th scope="col" role="columnheader">投诉人</th>
                    <th scope="col" role="columnheader">行业</th>
                    <th scope="col" role="columnheader">人数</th>
                    <th scope="col" role="columnheader">金额</th>
                    <th scope="col" role="columnheader">各机构状态</th>
                  </tr>
                </thead>
                <tbody role="rowgroup">
                  {leads.edges.map(({ node: l }) => (
                    <tr key={l.id} role="row">
                      <td role="cell" data-label="线索编号"><a href={`#/leads/${encodeURIComponent(l.id)}`}>{l.referenceNo}</a></td>
                      <td role="cell" data-label="受理日期">{day(l.receivedAt)}</td>
                      <td role="cell" data-label="企业名称">{l.employer.name}</td>
                      <td role="cell" data-label="投诉人">{l.complainants.map((c) => c.name).join('、')}</td>
                      <td role="cell" data-label="行业">{INDUSTRY[l.industry]}</td>
                      <td role="cell" data-label="人数">{l.workerCount}{l.isMassCase && <span className="badge">群体性</span>}</td>
                      <td role="cell" data-label="金额" className="money">{yuan(l.amountOwed)}</td>
                      <td role="cell" data-label="各机构状态">
                        {l.agencies.map((a) => (
                          <span key={a.agency} className="state">
                            {AGENCY[a.agency]}：{TRANSFER_STATE[a.transferState]}／{FEEDBACK_STATE[a.feedbackState]}／{CLOSURE_STATE[a.closureState]}
                          </span>
                        ))}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
          <div className="buttons">
            {after.length > 0 && (
              <button type="button" className="secondary" onClick={() => setAfter((a) => a.slice(0, -1))}>上一页</button>
            )}
            {leads.pageInfo.hasNextPage && leads.pageInfo.endCursor && (
              <button type="button" className="secondary" onClick={() => setAfter((a) => [...a, leads.pageInfo.endCursor!])}>下一页</button>
            )}
          </div>
        </>
      )}
    </>
  );
}
