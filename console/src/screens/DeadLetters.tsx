import { useState } from 'react';
import { LeadsDeadLettersDocument, RetryLeadsDeadLetterDocument } from '../../../client';
import { hub, problem } from '../api';
import { useLoad } from '../hooks';
import { MESSAGE_TYPE, SERVICE, when } from '../labels';

/**
 * 投递失败的消息: messages the lead registry refused for a domain reason (a closure from an agency
 * it had not yet seen reach the lead, say). Kept until a supervisor resolves the cause and retries.
 */
export function DeadLetters() {
  const [open, setOpen] = useState(true);
  const { data, error, loading, refresh } = useLoad(() => hub.request(LeadsDeadLettersDocument, { open }), [open]);
  const [message, setMessage] = useState<string>();
  const [failure, setFailure] = useState<string>();
  const [busy, setBusy] = useState<string>();

  const retry = async (id: string) => {
    setBusy(id);
    try {
      const { retryLeadsDeadLetter: r } = await hub.request(RetryLeadsDeadLetterDocument, { id });
      await refresh();
      setFailure(undefined);
      setMessage(r.resolvedAt ? `已重新处理，消息已生效（第 ${r.attempts} 次）。` : `重新处理仍未成功（第 ${r.attempts} 次）：${r.message} 请先解决原因再重试。`);
    } catch (e) {
      setMessage(undefined);
      setFailure(problem(e));
    } finally {
      setBusy(undefined);
    }
  };

  const letters = data?.leadsDeadLetters ?? [];
  return (
    <>
      <h1 tabIndex={-1}>投递失败的消息</h1>
      <p className="help">各单位系统之间的消息因业务原因未能生效时保存在此，不会丢失。请先解决原因（例如先完成移送接收），再点“重新处理”。</p>
      <div className="filters">
        <div className="field">
          <label htmlFor="dead-letters-shown">显示</label>
          <select id="dead-letters-shown" value={open ? 'open' : 'all'} onChange={(e) => setOpen(e.target.value === 'open')}>
            <option value="open">未解决</option>
            <option value="all">全部</option>
          </select>
        </div>
      </div>
      <p role="status">{message}</p>
      {(error || failure) && <p role="alert" className="error">{error ?? failure}</p>}
      {loading && !data && <p>正在加载…</p>}
      {data && letters.length === 0 && <p>没有{open ? '未解决的' : ''}投递失败的消息。</p>}
      {letters.length > 0 && (
        <div className="table-wrap" tabIndex={0} role="region" aria-label="投递失败的消息表">
          <table>
            <thead>
              <tr>
                <th scope="col">消息</th>
                <th scope="col">来自</th>
                <th scope="col">线索</th>
                <th scope="col">未生效原因</th>
                <th scope="col">收到时间</th>
                <th scope="col">处理次数</th>
                <th scope="col">处理</th>
              </tr>
            </thead>
            <tbody>
              {letters.map((d) => (
                <tr key={d.id}>
                  <td>{MESSAGE_TYPE[d.type] ?? '其他消息'}</td>
                  <td>{SERVICE[d.source] ?? d.source}</td>
                  <td>{d.leadId ? <a href={`#/leads/${encodeURIComponent(d.leadId)}`}>查看线索</a> : '—'}</td>
                  <td>{d.message}</td>
                  <td><time dateTime={d.receivedAt}>{when(d.receivedAt)}</time></td>
                  <td>{d.attempts} 次</td>
                  <td>
                    {d.resolvedAt ? (
                      `已解决（${when(d.resolvedAt)}）`
                    ) : (
                      <button type="button" disabled={busy === d.id} onClick={() => void retry(d.id)} aria-label={`重新处理：${MESSAGE_TYPE[d.type] ?? '其他消息'}，${when(d.receivedAt)}`}>
                        重新处理
                      </button>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}
