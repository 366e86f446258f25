import { useState, type FormEvent } from 'react';
import { SearchLeadsDocument, type Agency, type ClosureState, type Industry, type LeadFilter, type LeadOrder } from '../../../client';
import { hub } from '../api';
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
  const { data, error, loading } = useLoad(
    () => hub.request(SearchLeadsDocument, { filter, search, orderBy: order, first: 20, after: after.at(-1) }),
    [JSON.stringify(filter), search, order, after.length],
  );
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
      <div className="field sort">
        <label htmlFor="f-order">排序</label>
        <select id="f-order" value={order} onChange={(e) => (setAfter([]), setOrder(e.target.value as LeadOrder))}>
          {entries(LEAD_ORDER).map(([k, v]) => (
            <option key={k} value={k}>{v}</option>
          ))}
        </select>
      </div>
      {leads && (
        <>
          <p role="status">{leads.search ? searchOutcome(leads.search.kind, leads.search.term, leads.totalCount) : `共 ${leads.totalCount} 条线索`}</p>
          {leads.edges.length > 0 && (
            <div className="table-wrap" tabIndex={0} role="region" aria-label="线索表格">
              <table>
                <caption className="visually-hidden">线索，{LEAD_ORDER[order]}</caption>
                <thead>
                  <tr>
                    <th scope="col">线索编号</th>
                    <th scope="col">受理日期</th>
                    <th scope="col">企业名称</th>
                    <th scope="col">投诉人</th>
                    <th scope="col">行业</th>
                    <th scope="col">人数</th>
                    <th scope="col">金额</th>
                    <th scope="col">各机构状态</th>
                  </tr>
                </thead>
                <tbody>
                  {leads.edges.map(({ node: l }) => (
                    <tr key={l.id}>
                      <td><a href={`#/leads/${encodeURIComponent(l.id)}`}>{l.referenceNo}</a></td>
                      <td>{day(l.receivedAt)}</td>
                      <td>{l.employer.name}</td>
                      <td>{l.complainants.map((c) => c.name).join('、')}</td>
                      <td>{INDUSTRY[l.industry]}</td>
                      <td>{l.workerCount}{l.isMassCase && <span className="badge">群体性</span>}</td>
                      <td className="money">{yuan(l.amountOwed)}</td>
                      <td>
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
