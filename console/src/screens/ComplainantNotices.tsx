import { useState } from 'react';
import { ComplainantNoticeQueueDocument, MarkComplainantNoticeFailedDocument, MarkComplainantNoticeSentDocument, type ComplainantNoticeStatus, type NoticeChannel } from '../../../client';
import { COMPLAINANT_NOTICE_KIND_ZH, COMPLAINANT_NOTICE_STATUS_ZH, NOTICE_CHANNEL_ZH } from '../../../lib/i18n/complainant-notices';
import { hub } from '../api';
import { beijingInstant, useSubmit, WhenField, type Act } from '../form';
import { useLoad } from '../hooks';
import { when } from '../labels';

type Notice = Awaited<ReturnType<typeof loadQueue>>['complainantNotices']['edges'][number]['node'];
const loadQueue = (status: ComplainantNoticeStatus) => hub.request(ComplainantNoticeQueueDocument, { status, first: 50 });

/**
 * 投诉人告知 (NOTIFIER): the notices the unit owes complainants (首问负责制), with the name, phone and
 * text to send by SMS or letter, and where staff report each one sent or not delivered. An SMS
 * gateway drains the same queue through the API (docs/complainant-notices.md).
 */
export function ComplainantNotices() {
  const [status, setStatus] = useState<ComplainantNoticeStatus>('PENDING');
  const { data, error, loading, refresh } = useLoad(() => loadQueue(status), [status]);
  const [message, setMessage] = useState<string>();
  const act: Act = async (done, run) => {
    try {
      await run();
      await refresh();
      setMessage(done);
      return { ok: true };
    } catch (e) {
      setMessage(undefined);
      return { ok: false, error: e };
    }
  };
  const notices = data?.complainantNotices.edges.map((e) => e.node) ?? [];
  return (
    <>
      <h1 tabIndex={-1}>投诉人告知</h1>
      <p className="help">按首问负责制，受理、移送、接收和办结线索时须告知每位投诉人。请按下列内容发送短信或寄出信函，并如实登记结果；未送达的可改用其他方式再发。</p>
      <div className="filters">
        <div className="field">
          <label htmlFor="notices-shown">显示</label>
          <select id="notices-shown" value={status} onChange={(e) => setStatus(e.target.value as ComplainantNoticeStatus)}>
            {(['PENDING', 'FAILED', 'SENT'] as const).map((s) => (
              <option key={s} value={s}>{COMPLAINANT_NOTICE_STATUS_ZH[s]}</option>
            ))}
          </select>
        </div>
      </div>
      <p role="status">{message}</p>
      {error && <p role="alert" className="error">{error}</p>}
      {loading && !data && <p>正在加载…</p>}
      {data && notices.length === 0 && <p>没有{COMPLAINANT_NOTICE_STATUS_ZH[status]}的告知。</p>}
      <ul className="cards">
        {notices.map((n) => (
          <li key={n.id} className="card">
            <NoticeCard notice={n} act={act} />
          </li>
        ))}
      </ul>
    </>
  );
}

function NoticeCard({ notice: n, act }: { notice: Notice; act: Act }) {
  const [channel, setChannel] = useState<NoticeChannel | ''>('');
  const [sentAt, setSentAt] = useState('');
  const [reason, setReason] = useState('');
  const id = n.id.slice(0, 8);
  const sent = useSubmit(act, { channel: `notice-${id}-channel`, sentAt: `notice-${id}-sent-at` });
  const failed = useSubmit(act, { reason: `notice-${id}-reason` });
  const who = n.complainantName ?? `第${n.complainantOrdinal + 1}位投诉人`;
  return (
    <article aria-label={`${COMPLAINANT_NOTICE_KIND_ZH[n.kind] ?? n.kind}：${who}`}>
      <h2>
        {COMPLAINANT_NOTICE_KIND_ZH[n.kind] ?? n.kind}：{who}
      </h2>
      <p>
        线索 {n.referenceNo} · {n.unit} · 应告知于 {when(n.createdAt)}
        {n.phone && <> · 电话 {n.phone}</>}
      </p>
      {n.text && <blockquote>{n.text}</blockquote>}
      {n.status === 'SENT' && n.sentAt && <p>已于 {when(n.sentAt)} 以{NOTICE_CHANNEL_ZH[n.channel ?? ''] ?? ''}发送。</p>}
      {n.attempts > 0 && n.status !== 'SENT' && <p>已有 {n.attempts} 次未送达{n.failedReason && `，最近一次：${n.failedReason}`}。</p>}
      {n.status !== 'SENT' && (
        <div className="actions">
          <form
            onSubmit={(e) => {
              e.preventDefault();
              void sent.submit(`已登记：${who}的告知已发送。`, () =>
                hub.request(MarkComplainantNoticeSentDocument, { id: n.id, channel: channel as NoticeChannel, sentAt: sentAt ? beijingInstant(sentAt) : null }),
              );
            }}
          >
            <fieldset className="action">
              <legend>登记已发送</legend>
              <div className="field">
                <label htmlFor={`notice-${id}-channel`}>发送方式</label>
                <select {...sent.control('channel')} value={channel} onChange={(e) => setChannel(e.target.value as NoticeChannel | '')} required>
                  <option value="">请选择</option>
                  <option value="SMS">{NOTICE_CHANNEL_ZH.SMS}</option>
                  <option value="LETTER">{NOTICE_CHANNEL_ZH.LETTER}</option>
                </select>
                {sent.fieldError('channel')}
              </div>
              <WhenField form={sent} field="sentAt" label="发送时间" value={sentAt} onChange={setSentAt} />
              {sent.refusal}
              <button type="submit">登记已发送</button>
            </fieldset>
          </form>
          <form
            onSubmit={(e) => {
              e.preventDefault();
              void failed.submit(`已登记：${who}的告知未送达，可改用其他方式再发。`, () => hub.request(MarkComplainantNoticeFailedDocument, { id: n.id, reason }));
            }}
          >
            <fieldset className="action">
              <legend>登记未送达</legend>
              <div className="field">
                <label htmlFor={`notice-${id}-reason`}>未送达原因</label>
                <input {...failed.control('reason')} value={reason} onChange={(e) => setReason(e.target.value)} required />
                {failed.fieldError('reason')}
              </div>
              {failed.refusal}
              <button type="submit">登记未送达</button>
            </fieldset>
          </form>
        </div>
      )}
    </article>
  );
}
