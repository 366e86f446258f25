import { useState, type FormEvent } from 'react';
import { AcceptTransferDocument, RejectTransferDocument, TransferInboxDocument } from '../../../client';
import { hub, problem } from '../api';
import { useLoad } from '../hooks';
import { AGENCY, TRANSFER_KIND, day, when, yuan } from '../labels';

export function Inbox() {
  const { data, error, loading, refresh } = useLoad(() => hub.request(TransferInboxDocument, { first: 50 }), []);
  const [message, setMessage] = useState<string>();
  const [failure, setFailure] = useState<string>();
  const [returning, setReturning] = useState<string>();
  const [reason, setReason] = useState('');

  const accept = async (id: string, ref: string) => {
    try {
      await hub.request(AcceptTransferDocument, { id });
      await refresh();
      setMessage(`已接收线索 ${ref}`);
      setFailure(undefined);
    } catch (e) {
      setFailure(problem(e));
    }
  };
  const reject = async (e: FormEvent, id: string, ref: string) => {
    e.preventDefault();
    try {
      await hub.request(RejectTransferDocument, { id, reason });
      await refresh();
      setMessage(`已退回线索 ${ref}`);
      setFailure(undefined);
      setReturning(undefined);
      setReason('');
    } catch (err) {
      setFailure(problem(err));
    }
  };

  const edges = data?.transferInbox.edges ?? [];
  return (
    <>
      <h1 tabIndex={-1}>待接收移送</h1>
      <p role="status">{message}</p>
      {(error || failure) && <p role="alert" className="error">{error ?? failure}</p>}
      {loading && !data && <p>正在加载…</p>}
      {data && edges.length === 0 && <p>没有待接收的移送。</p>}
      <ul className="cards">
        {edges.map(({ node: t }) => (
          <li key={t.id} className="card">
            <h2>
              <a href={`#/leads/${encodeURIComponent(t.lead.id)}`}>{t.lead.referenceNo}</a> · {t.lead.employer.name}
            </h2>
            <dl className="facts">
              <dt>来自</dt>
              <dd>{AGENCY[t.from]}</dd>
              <dt>类型</dt>
              <dd>{TRANSFER_KIND[t.kind]}</dd>
              <dt>移送时间</dt>
              <dd>{when(t.requestedAt)}</dd>
              <dt>反馈期限</dt>
              <dd>{day(t.feedbackDueAt)}</dd>
              <dt>涉及人数</dt>
              <dd>{t.lead.workerCount} 人{t.lead.isMassCase ? '（群体性欠薪）' : ''}</dd>
              <dt>欠薪金额</dt>
              <dd>{yuan(t.lead.amountOwed)}</dd>
              <dt>移送理由</dt>
              <dd>{t.reason}</dd>
            </dl>
            <div className="buttons">
              <button type="button" onClick={() => void accept(t.id, t.lead.referenceNo)} aria-label={`接收 ${t.lead.referenceNo}`}>
                接收
              </button>
              <button type="button" className="secondary" onClick={() => setReturning(returning === t.id ? undefined : t.id)} aria-expanded={returning === t.id} aria-label={`退回 ${t.lead.referenceNo}`}>
                退回…
              </button>
            </div>
            {returning === t.id && (
              <form onSubmit={(e) => void reject(e, t.id, t.lead.referenceNo)}>
                <label htmlFor={`reason-${t.id}`}>退回理由</label>
                <textarea id={`reason-${t.id}`} value={reason} onChange={(e) => setReason(e.target.value)} required />
                <button type="submit">确认退回</button>
              </form>
            )}
          </li>
        ))}
      </ul>
    </>
  );
}
