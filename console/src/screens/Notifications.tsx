import { useState } from 'react';
import { MarkNotificationsReadDocument, NotificationsDocument, type NotificationsQuery } from '../../../client';
import { hub, problem } from '../api';
import { useLoad } from '../hooks';
import { when } from '../labels';

type Note = NotificationsQuery['notifications']['edges'][number]['node'];

/**
 * 通知: what arrived for the caller's unit (or for them), and what happened to what it sent, newest
 * first, each linking to its lead. The texts come from the API in Chinese; each staff member marks
 * their own as read.
 */
export function Notifications({ onRead }: { onRead: () => void }) {
  const [unreadOnly, setUnreadOnly] = useState(false);
  const { data, error, loading } = useLoad(() => hub.request(NotificationsDocument, { unreadOnly, first: 20 }), [unreadOnly]);
  // Pages loaded after the first, and the read state of those marked since loading.
  const [more, setMore] = useState<{ notes: Note[]; endCursor: string | null; hasNextPage: boolean }>();
  const [readNow, setReadNow] = useState<Record<string, string>>({});
  const [message, setMessage] = useState<string>();
  const [failure, setFailure] = useState<string>();
  const [busy, setBusy] = useState(false);

  const first = data?.notifications;
  const notes = [...(first?.edges.map((e) => e.node) ?? []), ...(more?.notes ?? [])];
  const page = more ?? (first ? { endCursor: first.pageInfo.endCursor, hasNextPage: first.pageInfo.hasNextPage } : undefined);
  const isRead = (n: Note) => n.read || n.id in readNow;
  const unreadShown = notes.filter((n) => !isRead(n));

  const mark = async (ids: string[], done: string) => {
    setBusy(true);
    try {
      const { markNotificationsRead: marked } = await hub.request(MarkNotificationsReadDocument, { ids });
      setReadNow((r) => ({ ...r, ...Object.fromEntries(marked.map((m) => [m.id, m.readAt ?? ''])) }));
      setFailure(undefined);
      setMessage(done);
      onRead();
    } catch (e) {
      setMessage(undefined);
      setFailure(problem(e));
    } finally {
      setBusy(false);
    }
  };

  const loadMore = async () => {
    if (!page?.endCursor) return;
    setBusy(true);
    try {
      const { notifications: next } = await hub.request(NotificationsDocument, { unreadOnly, first: 20, after: page.endCursor });
      setMore({ notes: [...(more?.notes ?? []), ...next.edges.map((e) => e.node)], endCursor: next.pageInfo.endCursor, hasNextPage: next.pageInfo.hasNextPage });
      setFailure(undefined);
    } catch (e) {
      setFailure(problem(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <h1 tabIndex={-1}>通知</h1>
      <p className="help">移送到本单位的线索、本单位移送后的受理、退回和反馈等情况。点“查看线索”办理；看过后可标为已读（仅对您本人）。</p>
      <div className="filters">
        <div className="field">
          <label htmlFor="notifications-shown">显示</label>
          <select
            id="notifications-shown"
            value={unreadOnly ? 'unread' : 'all'}
            onChange={(e) => {
              setMore(undefined);
              setMessage(undefined);
              setUnreadOnly(e.target.value === 'unread');
            }}
          >
            <option value="all">全部</option>
            <option value="unread">未读</option>
          </select>
        </div>
        <div className="field">
          <button type="button" disabled={busy || unreadShown.length === 0} onClick={() => void mark(unreadShown.map((n) => n.id), `已将 ${unreadShown.length} 条通知标为已读。`)}>
            本页全部标为已读
          </button>
        </div>
      </div>
      <p role="status">{message}</p>
      {(error || failure) && <p role="alert" className="error">{error ?? failure}</p>}
      {loading && !data && <p>正在加载…</p>}
      {data && notes.length === 0 && <p>没有{unreadOnly ? '未读的' : ''}通知。</p>}
      {notes.length > 0 && (
        <ul className="notifications" aria-label="通知列表">
          {notes.map((n) => (
            <li key={n.id} className={isRead(n) ? 'read' : 'unread'}>
              <p>
                <span className={isRead(n) ? 'read-state' : 'badge'}>{isRead(n) ? '已读' : '未读'}</span> {n.text}
              </p>
              <p className="help">
                <time dateTime={n.at}>{when(n.at)}</time>
              </p>
              <p className="actions">
                <a href={`#/leads/${encodeURIComponent(n.leadId)}`}>查看线索 {n.referenceNo}</a>
                {!isRead(n) && (
                  <button type="button" disabled={busy} aria-label={`标为已读：线索 ${n.referenceNo}，${when(n.at)}`} onClick={() => void mark([n.id], `已将线索 ${n.referenceNo} 的通知标为已读。`)}>
                    标为已读
                  </button>
                )}
              </p>
            </li>
          ))}
        </ul>
      )}
      {page?.hasNextPage && (
        <button type="button" disabled={busy} onClick={() => void loadMore()}>
          加载更早的通知
        </button>
      )}
    </>
  );
}
