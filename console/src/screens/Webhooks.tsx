import { useState } from 'react';
import {
  PauseWebhookSubscriptionDocument, ResumeWebhookSubscriptionDocument, RotateWebhookSecretDocument, SendWebhookTestDocument, SubscribeWebhookDocument, UpdateWebhookSubscriptionDocument,
  WebhookDeliveriesDocument, WebhookSubscriptionsDocument, type TimelineEventKind,
} from '../../../client';
import { WEBHOOK_DELIVERED_KINDS } from '../../../lib/vocabulary';
import { hub, problem } from '../api';
import { ConfirmSubmit, useSubmit, type Act } from '../form';
import { useLoad } from '../hooks';
import { EVENT_KIND, when } from '../labels';

const STATUS: Record<string, string> = { ACTIVE: '推送中', PAUSED: '已暂停' };
const PAUSED_CAUSE: Record<string, string> = { BY_SUPERVISOR: '主管暂停', FAILING: '连续推送失败，已自动暂停' };
const DELIVERY_STATUS: Record<string, string> = { PENDING: '待推送', RETRYING: '推送失败，等待重试', DELIVERED: '已送达' };

/**
 * 推送订阅 (supervisors): the agency's webhook subscriptions, a new one (its signing secret shown
 * once), pausing, resuming, a test event, a new secret, and each subscription's delivery log.
 */
export function Webhooks() {
  const { data, error, loading, refresh } = useLoad(() => hub.request(WebhookSubscriptionsDocument, {}), []);
  const [message, setMessage] = useState<string>();
  const [secret, setSecret] = useState<{ url: string; secret: string }>();
  const [failure, setFailure] = useState<string>();
  const [shown, setShown] = useState<string>();
  const [editing, setEditing] = useState<Editable>();

  const act: Act = async (done, run) => {
    try {
      await run();
      await refresh();
      setFailure(undefined);
      setMessage(done);
      return { ok: true };
    } catch (e) {
      setMessage(undefined);
      return { ok: false, error: e };
    }
  };
  const rowAct = async (done: string, run: () => Promise<unknown>) => {
    const r = await act(done, run);
    if (!r.ok) setFailure(problem(r.error));
  };

  const subs = data?.webhookSubscriptions ?? [];
  return (
    <>
      <h1 tabIndex={-1}>推送订阅</h1>
      <p className="help">向本单位的信息系统推送本辖区线索上发生的事件（不含投诉人姓名、身份证号码、电话等个人信息）。每次推送都带签名，接收方须按对接说明核验；连续推送失败时订阅会自动暂停，待接收端恢复后请点“恢复”。</p>
      <p role="status">{message}</p>
      {secret && (
        <div role="region" aria-label="新的签名密钥">
          <p>推送地址 {secret.url} 的签名密钥只显示这一次，请立即复制并交给接收端保存：</p>
          <p>
            <label htmlFor="wh-secret">签名密钥</label>
            <input id="wh-secret" readOnly value={secret.secret} onFocus={(e) => e.target.select()} />
          </p>
          <button type="button" onClick={() => setSecret(undefined)}>我已保存，隐藏密钥</button>
        </div>
      )}
      {(error || failure) && <p role="alert" className="error">{error ?? failure}</p>}
      <SubscribeForm key={editing?.id ?? 'new'} act={act} onSecret={setSecret} editing={editing} onDone={() => setEditing(undefined)} />
      <h2>本单位的推送订阅</h2>
      {loading && !data && <p>正在加载…</p>}
      {data && subs.length === 0 && <p>还没有推送订阅。</p>}
      {subs.length > 0 && (
        <div className="table-wrap" tabIndex={0} role="region" aria-label="推送订阅表">
          <table>
            <thead>
              <tr>
                <th scope="col">推送地址</th>
                <th scope="col">地区</th>
                <th scope="col">事件类型</th>
                <th scope="col">状态</th>
                <th scope="col">连续失败</th>
                <th scope="col">操作</th>
              </tr>
            </thead>
            <tbody>
              {subs.map((s) => (
                <tr key={s.id}>
                  <td>
                    {s.url}
                    {s.purpose && <><br />{s.purpose}</>}
                  </td>
                  <td>{s.region}</td>
                  <td>{s.eventKinds.map((k) => EVENT_KIND[k]).join('、')}</td>
                  <td>{STATUS[s.status]}{s.pausedCause && `（${PAUSED_CAUSE[s.pausedCause]}）`}</td>
                  <td>{s.consecutiveFailures} 次</td>
                  <td>
                    <div className="buttons">
                      <button type="button" aria-label={`修改：${s.url}`} onClick={() => setEditing(s)}>修改</button>
                      <button type="button" aria-pressed={shown === s.id} onClick={() => setShown(shown === s.id ? undefined : s.id)} aria-label={`推送记录：${s.url}`}>推送记录</button>
                      {s.status === 'ACTIVE' ? (
                        <>
                          <button type="button" aria-label={`暂停：${s.url}`} onClick={() => void rowAct('已暂停推送。期间的事件仍会保留，恢复后按顺序推送。', () => hub.request(PauseWebhookSubscriptionDocument, { id: s.id }))}>暂停</button>
                          <button type="button" aria-label={`发送测试事件：${s.url}`} onClick={() => void rowAct('已发送测试事件，请在推送记录中查看是否送达。', () => hub.request(SendWebhookTestDocument, { id: s.id }))}>发送测试事件</button>
                        </>
                      ) : (
                        <button type="button" aria-label={`恢复：${s.url}`} onClick={() => void rowAct('已恢复推送，暂停期间的事件将按顺序推送。', () => hub.request(ResumeWebhookSubscriptionDocument, { id: s.id }))}>恢复</button>
                      )}
                      <ConfirmSubmit
                        label="更换签名密钥"
                        question={`更换后旧密钥立即失效，接收端须改用新密钥核验 ${s.url} 的推送。确定更换？`}
                        onConfirm={() =>
                          void rowAct('已更换签名密钥。新密钥只显示这一次，请立即交给接收端。', async () => {
                            const r = await hub.request(RotateWebhookSecretDocument, { id: s.id });
                            if (r.rotateWebhookSecret.secret) setSecret({ url: s.url, secret: r.rotateWebhookSecret.secret });
                          })
                        }
                      />
                    </div>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {shown && <DeliveryLog id={shown} url={subs.find((s) => s.id === shown)?.url ?? ''} />}
    </>
  );
}

/** A subscription as the form changes it: its address, events and purpose as they stand. */
interface Editable {
  id: string;
  url: string;
  eventKinds: TimelineEventKind[];
  purpose?: string | null;
}

/** A new subscription, or (editing) a change to one: the same fields, its current values to start from. */
function SubscribeForm({ act, onSecret, editing, onDone }: { act: Act; onSecret: (s: { url: string; secret: string }) => void; editing?: Editable; onDone: () => void }) {
  const [url, setUrl] = useState(editing?.url ?? '');
  const [kinds, setKinds] = useState<TimelineEventKind[]>(editing?.eventKinds ?? []);
  const [purpose, setPurpose] = useState(editing?.purpose ?? '');
  const form = useSubmit(act, { url: 'wh-url', eventKinds: `wh-kind-${WEBHOOK_DELIVERED_KINDS[0]}`, purpose: 'wh-purpose' });
  const kindsControl = form.control('eventKinds');
  const toggle = (k: TimelineEventKind, on: boolean) => setKinds((ks) => (on ? [...ks, k] : ks.filter((x) => x !== k)));
  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        const input = { url, eventKinds: kinds, purpose: purpose || null };
        const submitted = editing
          ? form.submit('已修改推送订阅，此后的事件按新的地址和类型推送；签名密钥不变。', () => hub.request(UpdateWebhookSubscriptionDocument, { id: editing.id, input }))
          : form.submit('已订阅。签名密钥只显示这一次，请立即保存；推送记录中可查看每次推送是否送达。', async () => {
              const r = await hub.request(SubscribeWebhookDocument, { input });
              if (r.subscribeWebhook.secret) onSecret({ url: r.subscribeWebhook.subscription.url, secret: r.subscribeWebhook.secret });
            });
        void submitted.then((done) => {
          if (!done) return;
          setUrl('');
          setKinds([]);
          setPurpose('');
          onDone();
        });
      }}
    >
      <h2>{editing ? `修改推送订阅：${editing.url}` : '新建推送订阅'}</h2>
      <div className="field">
        <label htmlFor="wh-url">推送地址</label>
        <input {...form.control('url')} type="url" value={url} onChange={(e) => setUrl(e.target.value)} required aria-describedby={form.control('url')['aria-describedby'] ?? 'wh-url-help'} />
        {form.fieldError('url') ?? <p id="wh-url-help" className="help">以 https:// 开头的接收地址</p>}
      </div>
      <fieldset aria-invalid={kindsControl['aria-invalid']} aria-describedby={kindsControl['aria-describedby']}>
        <legend>事件类型</legend>
        <div className="checks">
          {WEBHOOK_DELIVERED_KINDS.map((k) => (
            <div className="field check" key={k}>
              <input id={`wh-kind-${k}`} type="checkbox" checked={kinds.includes(k)} onChange={(e) => toggle(k, e.target.checked)} />
              <label htmlFor={`wh-kind-${k}`}>{EVENT_KIND[k]}</label>
            </div>
          ))}
        </div>
        {form.fieldError('eventKinds')}
      </fieldset>
      <div className="field">
        <label htmlFor="wh-purpose">用途说明（可不填）</label>
        <input {...form.control('purpose')} value={purpose} onChange={(e) => setPurpose(e.target.value)} />
        {form.fieldError('purpose')}
      </div>
      {form.refusal}
      <button type="submit">{editing ? '保存修改' : '订阅'}</button>
      {editing && (
        <button type="button" onClick={onDone}>
          取消修改
        </button>
      )}
    </form>
  );
}

function DeliveryLog({ id, url }: { id: string; url: string }) {
  const { data, error, loading, refresh } = useLoad(() => hub.request(WebhookDeliveriesDocument, { subscriptionId: id, first: 50 }), [id]);
  const rows = data?.webhookDeliveries ?? [];
  return (
    <section aria-labelledby="wh-log-h">
      <h2 id="wh-log-h">推送记录：{url}</h2>
      <button type="button" onClick={() => void refresh()}>刷新推送记录</button>
      {error && <p role="alert" className="error">{error}</p>}
      {loading && !data && <p>正在加载…</p>}
      {data && rows.length === 0 && <p>还没有推送记录。</p>}
      {rows.length > 0 && (
        <div className="table-wrap" tabIndex={0} role="region" aria-label="推送记录表">
          <table>
            <thead>
              <tr>
                <th scope="col">事件</th>
                <th scope="col">线索</th>
                <th scope="col">状态</th>
                <th scope="col">尝试次数</th>
                <th scope="col">最近答复状态码</th>
                <th scope="col">发生时间</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((d) => (
                <tr key={d.eventId}>
                  <td>{d.kind === 'TEST' ? '测试事件' : (EVENT_KIND[d.kind as TimelineEventKind] ?? '其他事件')}</td>
                  <td>{d.leadId ? <a href={`#/leads/${encodeURIComponent(d.leadId)}`}>{d.referenceNo}</a> : '—'}</td>
                  <td>{DELIVERY_STATUS[d.status]}</td>
                  <td>{d.attempts} 次</td>
                  <td>{d.lastStatus ?? (d.attempts ? '无应答（连接失败或超时）' : '—')}</td>
                  <td><time dateTime={d.createdAt}>{when(d.createdAt)}</time></td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
