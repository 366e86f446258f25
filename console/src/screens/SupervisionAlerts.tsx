import { useState } from 'react';
import { AcknowledgeMassCaseAlertDocument, MassCaseAlertsDocument } from '../../../client';
import { mayDo } from '../../../lib/vocabulary';
import { hub, problem, type Me } from '../api';
import { useLoad } from '../hooks';
import { useRegionName } from '../regions';
import { staffNames } from '../staff';
import { when, yuan } from '../labels';

type Shown = 'open' | 'acknowledged' | 'all';
const SHOWN: Record<Shown, boolean | undefined> = { open: false, acknowledged: true, all: undefined };

/** 群体性欠薪预警: mass cases (50 or more workers) raised to the province level; supervisors confirm them. */
export function SupervisionAlerts({ me }: { me: Me }) {
  const [shown, setShown] = useState<Shown>('open');
  const { data, error, loading, refresh } = useLoad(() => hub.request(MassCaseAlertsDocument, { acknowledged: SHOWN[shown] }), [shown]);
  const regionName = useRegionName();
  const [message, setMessage] = useState<string>();
  const [failure, setFailure] = useState<string>();
  const supervisor = mayDo(me.roles, 'supervise');

  const acknowledge = async (leadId: string, ref: string) => {
    try {
      await hub.request(AcknowledgeMassCaseAlertDocument, { leadId });
      await refresh();
      setMessage(`已确认线索 ${ref} 的群体性欠薪预警；请督促办理单位按期反馈。`);
      setFailure(undefined);
    } catch (e) {
      setMessage(undefined);
      setFailure(problem(e));
    }
  };

  const alerts = data?.massCaseAlerts ?? [];
  return (
    <>
      <h1 tabIndex={-1}>群体性欠薪预警</h1>
      <p className="help">涉及 50 人以上的欠薪线索，登记后即向省级报告{supervisor ? '；主管确认已知悉后标为已确认' : ''}。</p>
      <div className="filters">
        <div className="field">
          <label htmlFor="alerts-shown">显示</label>
          <select id="alerts-shown" value={shown} onChange={(e) => setShown(e.target.value as Shown)}>
            <option value="open">未确认</option>
            <option value="acknowledged">已确认</option>
            <option value="all">全部</option>
          </select>
        </div>
      </div>
      <p role="status">{message}</p>
      {(error || failure) && <p role="alert" className="error">{error ?? failure}</p>}
      {loading && !data && <p>正在加载…</p>}
      {data && alerts.length === 0 && <p>没有{shown === 'open' ? '未确认的' : ''}群体性欠薪预警。</p>}
      {alerts.length > 0 && (
        <div className="table-wrap" tabIndex={0} role="region" aria-label="群体性欠薪预警表">
          <table>
            <thead>
              <tr>
                <th scope="col">线索编号</th>
                <th scope="col">用人单位</th>
                <th scope="col">地区</th>
                <th scope="col">涉及人数</th>
                <th scope="col">欠薪金额</th>
                <th scope="col">预警时间</th>
                <th scope="col">确认情况</th>
              </tr>
            </thead>
            <tbody>
              {alerts.map((a) => {
                const by = a.acknowledgedBy ? staffNames(a.lead.timeline).get(a.acknowledgedBy)?.name : undefined;
                return (
                  <tr key={a.lead.id}>
                    <td><a href={`#/leads/${encodeURIComponent(a.lead.id)}`}>{a.lead.referenceNo}</a></td>
                    <td>{a.lead.employer.name}</td>
                    <td>{regionName(a.lead.regionCode)}</td>
                    <td>{a.lead.workerCount} 人</td>
                    <td className="money">{yuan(a.lead.amountOwed)}</td>
                    <td><time dateTime={a.raisedAt}>{when(a.raisedAt)}</time></td>
                    <td>
                      {a.acknowledgedAt ? (
                        `已确认（${by ?? '主管'}，${when(a.acknowledgedAt)}）`
                      ) : supervisor ? (
                        <button type="button" onClick={() => void acknowledge(a.lead.id, a.lead.referenceNo)} aria-label={`确认 ${a.lead.referenceNo}`}>
                          确认
                        </button>
                      ) : (
                        '待主管确认'
                      )}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}
