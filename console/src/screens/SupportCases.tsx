import { useState } from 'react';
import { SupportCasesDocument } from '../../../client';
import { hub } from '../api';
import { useLoad } from '../hooks';
import { CLOSURE_STATE, yuan } from '../labels';

export function SupportCases() {
  const [overdueOnly, setOverdueOnly] = useState(false);
  const [openOnly, setOpenOnly] = useState(true);
  const filter = { ...(overdueOnly ? { hasOverdueInstallments: true } : {}), ...(openOnly ? { closureState: 'OPEN' as const } : {}) };
  const { data, error, loading } = useLoad(() => hub.request(SupportCasesDocument, { filter, first: 50 }), [overdueOnly, openOnly]);
  const cases = data?.supportCases;
  return (
    <>
      <h1 tabIndex={-1}>支持起诉案件</h1>
      <form className="filters" onSubmit={(e) => e.preventDefault()} aria-label="筛选案件">
        <div className="field check">
          <input id="sc-open" type="checkbox" checked={openOnly} onChange={(e) => setOpenOnly(e.target.checked)} />
          <label htmlFor="sc-open">仅办理中</label>
        </div>
        <div className="field check">
          <input id="sc-overdue" type="checkbox" checked={overdueOnly} onChange={(e) => setOverdueOnly(e.target.checked)} />
          <label htmlFor="sc-overdue">仅有逾期分期</label>
        </div>
      </form>
      {error && <p role="alert" className="error">{error}</p>}
      {loading && <p>正在加载…</p>}
      {cases && <p role="status">共 {cases.totalCount} 件，最近的开庭或分期在前</p>}
      <ul className="cards">
        {cases?.edges.map(({ node: c }) => (
          <li key={c.lead.id} className="card">
            <h2>
              <a href={`#/leads/${encodeURIComponent(c.lead.id)}`}>{c.lead.referenceNo}</a> · {c.lead.employer.name}
            </h2>
            <dl className="facts">
              <dt>办结状态</dt>
              <dd>{CLOSURE_STATE[c.closureState]}</dd>
              <dt>支持起诉决定</dt>
              <dd>{c.decision ? `${c.decision.supported ? '支持' : '不支持'}：${c.decision.reason}` : '尚未决定'}</dd>
              <dt>立案</dt>
              <dd>{c.courtFiling ? `${c.courtFiling.court} ${c.courtFiling.docketNo}（${c.courtFiling.filedOn}）` : '尚未立案'}</dd>
              <dt>下次开庭</dt>
              <dd>{c.nextHearing ? `${c.nextHearing.date} ${c.nextHearing.courtRoom}` : '—'}</dd>
              <dt>已支付／未支付</dt>
              <dd>{yuan(c.amountPaid)}／{yuan(c.amountOutstanding)}</dd>
            </dl>
            {c.installments.length > 0 && (
              <div className="table-wrap" tabIndex={0} role="region" aria-label={`${c.lead.referenceNo} 分期履行情况`}>
                <table>
                  <thead>
                    <tr>
                      <th scope="col">到期日</th>
                      <th scope="col">应付</th>
                      <th scope="col">已付</th>
                      <th scope="col">状态</th>
                    </tr>
                  </thead>
                  <tbody>
                    {c.installments.map((i) => (
                      <tr key={i.id} className={i.overdue ? 'overdue' : undefined}>
                        <td>{i.dueOn}</td>
                        <td className="money">{yuan(i.amount)}</td>
                        <td className="money">{yuan(i.paid)}</td>
                        <td>{i.overdue ? `逾期未付 ${yuan(i.outstanding)}` : i.outstanding === '0.00' ? '已付清' : '未到期'}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            )}
          </li>
        ))}
      </ul>
    </>
  );
}
