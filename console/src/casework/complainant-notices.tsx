import { LeadComplainantNoticesDocument } from '../../../client';
import { COMPLAINANT_NOTICE_KIND_ZH, COMPLAINANT_NOTICE_STATUS_ZH, NOTICE_CHANNEL_ZH } from '../../../lib/i18n/complainant-notices';
import { hub } from '../api';
import { useLoad } from '../hooks';
import { when } from '../labels';

/**
 * 投诉人告知 on the lead page (首问负责制): what each complainant was owed when an agency accepted,
 * transferred or closed, and whether the SMS or letter went out. Texts and names only for staff
 * of an agency handling the lead (the API decides).
 */
export function ComplainantNotices({ leadId, changes }: { leadId: string; changes: number }) {
  const loaded = useLoad(() => hub.request(LeadComplainantNoticesDocument, { id: leadId }), [leadId, changes]);
  if (loaded.error) return <p role="alert" className="error">{loaded.error}</p>;
  const notices = loaded.data?.lead?.complainantNotices;
  if (!notices) return null;
  return (
    <section aria-labelledby="complainant-notices-h" className="complainant-notices">
      <h2 id="complainant-notices-h">投诉人告知</h2>
      {notices.length === 0 ? (
        <p>尚无应告知投诉人的事项。</p>
      ) : (
        <div className="table-wrap" tabIndex={0} role="region" aria-label="投诉人告知列表">
        <table>
          <caption>受理、移送、办结时应告知每位投诉人的事项及发送情况</caption>
          <thead>
            <tr>
              <th scope="col">告知事项</th>
              <th scope="col">告知单位</th>
              <th scope="col">投诉人</th>
              <th scope="col">状态</th>
              <th scope="col">内容</th>
            </tr>
          </thead>
          <tbody>
            {notices.map((n) => (
              <tr key={n.id}>
                <td>{COMPLAINANT_NOTICE_KIND_ZH[n.kind] ?? n.kind}</td>
                <td>{n.unit}</td>
                <td>{n.complainantName ?? `第 ${n.complainantOrdinal + 1} 位投诉人`}</td>
                <td>
                  {COMPLAINANT_NOTICE_STATUS_ZH[n.status] ?? n.status}
                  {n.status === 'SENT' && n.sentAt && `（${n.channel ? (NOTICE_CHANNEL_ZH[n.channel] ?? n.channel) : ''} ${when(n.sentAt)}）`}
                  {n.status === 'FAILED' && `（已尝试 ${n.attempts} 次${n.failedReason ? `：${n.failedReason}` : ''}）`}
                </td>
                <td>{n.text ?? '（仅办理单位可见）'}</td>
              </tr>
            ))}
          </tbody>
        </table>
        </div>
      )}
    </section>
  );
}
