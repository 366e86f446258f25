import { useEffect, useRef, useState, type FormEvent } from 'react';
import { HubError, LeadEvidenceDocument, WithdrawEvidenceDocument, type LeadEvidenceQuery } from '../../../client';
import { mayDo } from '../../../lib/vocabulary';
import { EVIDENCE_KINDS, EVIDENCE_MAX_MB } from '../../../lib/vocabulary/evidence';
import { LANGUAGE, hub, problem, session, type Me } from '../api';
import { Box, ConfirmSubmit, useSubmit, type Act } from '../form';
import { useLoad } from '../hooks';
import { AGENCY, EVIDENCE_KIND, day, when } from '../labels';

type Evidence = NonNullable<LeadEvidenceQuery['lead']>['evidence'][number];

/** The gateway's refusal of a file, as the API's errors read, so the form marks its fields. */
async function refusalOf(res: Response): Promise<HubError> {
  const body = (await res.json().catch(() => ({}))) as { error?: { message?: string; code?: string } & Record<string, unknown> };
  const message = body.error?.message ?? `HTTP ${res.status}`;
  return new HubError(message, body.error?.code ?? 'INTERNAL_SERVER_ERROR', [{ message, extensions: body.error }], res.status);
}

const auth = () => ({ authorization: `Bearer ${session.get() ?? ''}`, 'accept-language': LANGUAGE });

/** A file goes up as it is, its description in the address: the gateway streams it to the registry. */
async function attach(leadId: string, file: File, d: { kind: string; title: string; documentDate: string; containsPersonalData: boolean }) {
  const q = new URLSearchParams({ leadId, kind: d.kind, title: d.title, documentDate: d.documentDate, containsPersonalData: String(d.containsPersonalData), fileName: file.name });
  const res = await fetch(`/evidence/files?${q}`, { method: 'POST', headers: { ...auth(), 'content-type': 'application/octet-stream' }, body: file });
  if (!res.ok) throw await refusalOf(res);
  return (await res.json()) as { id: string };
}

/** The file's bytes, with the token (a plain link cannot send it). */
async function fetchFile(e: Evidence): Promise<Blob> {
  const res = await fetch(e.downloadPath, { headers: auth() });
  if (!res.ok) throw await refusalOf(res);
  return res.blob();
}

async function save(e: Evidence) {
  const url = URL.createObjectURL(await fetchFile(e));
  const a = document.createElement('a');
  a.href = url;
  a.download = e.fileName;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

const size = (bytes: number) => (bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(1)} MB` : `${Math.max(1, Math.round(bytes / 1024))} KB`);

/**
 * 证据材料 on the lead page: the files every agency involved attached (withdrawn ones marked, with
 * why), an image or PDF shown in place, downloads, and the forms to attach and withdraw. Which
 * files are listed, and to whom, the API decides; every download is on its record.
 */
export function EvidencePanel({ leadId, me, act }: { leadId: string; me: Me; act: Act }) {
  const loaded = useLoad(() => hub.request(LeadEvidenceDocument, { id: leadId }), [leadId]);
  const [preview, setPreview] = useState<{ e: Evidence; url: string }>();
  const [failure, setFailure] = useState<string>();
  const previewHeading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    if (preview) previewHeading.current?.focus();
    return () => {
      if (preview) URL.revokeObjectURL(preview.url);
    };
  }, [preview]);

  const here: Act = (done, run) =>
    act(done, async () => {
      const answer = await run();
      await loaded.refresh();
      return answer;
    });

  const lead = loaded.data?.lead;
  if (loaded.error) return <p role="alert" className="error">{loaded.error}</p>;
  if (!lead) return null;
  const mayAct = mayDo(me.roles, 'evidence');

  const show = async (e: Evidence) => {
    try {
      setFailure(undefined);
      setPreview({ e, url: URL.createObjectURL(await fetchFile(e)) });
    } catch (err) {
      setFailure(problem(err));
    }
  };
  const download = async (e: Evidence) => {
    try {
      setFailure(undefined);
      await save(e);
    } catch (err) {
      setFailure(problem(err));
    }
  };

  return (
    <section aria-labelledby="evidence-h" className="evidence">
      <h2 id="evidence-h">证据材料</h2>
      {lead.evidence.length === 0 ? (
        <p>尚无证据材料。</p>
      ) : (
        <div className="table-wrap" tabIndex={0} role="region" aria-labelledby="evidence-h">
          <table>
            <thead>
              <tr>
                <th scope="col">类别</th>
                <th scope="col">名称</th>
                <th scope="col">材料日期</th>
                <th scope="col">文件</th>
                <th scope="col">上传</th>
                <th scope="col">状态</th>
                <th scope="col">操作</th>
              </tr>
            </thead>
            <tbody>
              {lead.evidence.map((e) => (
                <tr key={e.id} className={e.withdrawnAt ? 'withdrawn' : undefined}>
                  <td>{EVIDENCE_KIND[e.kind]}</td>
                  <td>
                    {e.title}
                    {e.containsPersonalData && <span className="state">含个人信息</span>}
                  </td>
                  <td>{e.documentDate}</td>
                  <td>
                    {e.fileName}（{size(e.sizeBytes)}）
                  </td>
                  <td>
                    {e.uploadedByName}（{AGENCY[e.uploadedByAgency]}），<time dateTime={e.uploadedAt}>{when(e.uploadedAt)}</time>
                  </td>
                  <td>{e.withdrawnAt ? `已于 ${day(e.withdrawnAt)} 由${e.withdrawnByName ?? ''}撤回，理由：${e.withdrawalReason ?? ''}` : '有效'}</td>
                  <td className="buttons">
                    {e.previewable && (
                      <button type="button" className="secondary" aria-label={`预览 ${e.title}`} onClick={() => void show(e)}>
                        预览
                      </button>
                    )}
                    <button type="button" className="secondary" aria-label={`下载 ${e.title}`} onClick={() => void download(e)}>
                      下载
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {failure && <p role="alert" className="error">{failure}</p>}
      {preview && (
        <figure className="evidence-preview" aria-labelledby="evidence-preview-h">
          <h3 id="evidence-preview-h" tabIndex={-1} ref={previewHeading}>
            预览：{preview.e.title}
          </h3>
          {preview.e.contentType === 'application/pdf' ? (
            <iframe src={preview.url} title={`${preview.e.title}（PDF）`} width="100%" height="480" />
          ) : (
            <img src={preview.url} alt={`${EVIDENCE_KIND[preview.e.kind]}：${preview.e.title}`} style={{ maxWidth: '100%' }} />
          )}
          <button type="button" className="secondary" onClick={() => setPreview(undefined)}>
            关闭预览
          </button>
        </figure>
      )}
      {mayAct && <AttachForm leadId={leadId} act={here} />}
      {mayAct && lead.evidence.some((e) => !e.withdrawnAt && e.uploadedByAgency === me.agency) && <WithdrawForm evidence={lead.evidence.filter((e) => !e.withdrawnAt && e.uploadedByAgency === me.agency)} act={here} />}
    </section>
  );
}

function AttachForm({ leadId, act }: { leadId: string; act: Act }) {
  const [kind, setKind] = useState('');
  const [title, setTitle] = useState('');
  const [documentDate, setDocumentDate] = useState('');
  const [personal, setPersonal] = useState(false);
  const [file, setFile] = useState<File>();
  const [round, setRound] = useState(0);
  const form = useSubmit(act, { kind: 'ev-kind', title: 'ev-title', documentDate: 'ev-date', containsPersonalData: 'ev-personal', file: 'ev-file' });
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!file) return;
    const ok = await form.submit(`已上传证据材料“${title.trim()}”（${file.name}）：已列入本线索的证据材料，参与办理的单位均可查看${personal ? '（含个人信息，仅办理本线索的单位可见）' : ''}。`, () =>
      attach(leadId, file, { kind, title, documentDate, containsPersonalData: personal }),
    );
    if (ok) {
      setKind('');
      setTitle('');
      setDocumentDate('');
      setPersonal(false);
      setFile(undefined);
      setRound((r) => r + 1);
    }
  };
  return (
    <Box title="上传证据材料">
      <form onSubmit={(e) => void submit(e)}>
        <label htmlFor="ev-kind">材料类别</label>
        <select {...form.control('kind')} value={kind} onChange={(e) => setKind(e.target.value)} required>
          <option value="">请选择</option>
          {EVIDENCE_KINDS.map((k) => (
            <option key={k} value={k}>
              {EVIDENCE_KIND[k]}
            </option>
          ))}
        </select>
        {form.fieldError('kind')}
        <label htmlFor="ev-title">材料名称</label>
        <input {...form.control('title')} value={title} onChange={(e) => setTitle(e.target.value)} required maxLength={200} />
        {form.fieldError('title')}
        <label htmlFor="ev-date">材料日期</label>
        <input {...form.control('documentDate')} type="date" value={documentDate} onChange={(e) => setDocumentDate(e.target.value)} required />
        {form.fieldError('documentDate')}
        <div className="check">
          <input {...form.control('containsPersonalData')} type="checkbox" checked={personal} onChange={(e) => setPersonal(e.target.checked)} />
          <label htmlFor="ev-personal">含个人信息（身份证号码、电话等；仅办理本线索的单位可见，每次下载都记录在案）</label>
        </div>
        <label htmlFor="ev-file">文件</label>
        <input key={round} {...form.control('file')} type="file" accept=".pdf,.jpg,.jpeg,.png,.heic,.heif,.doc,.docx,.xls,.xlsx,.ppt,.pptx,.odt,.ods,.odp" aria-describedby="ev-file-hint" onChange={(e) => setFile(e.target.files?.[0])} required />
        <p id="ev-file-hint" className="help">
          可上传扫描件、照片、截图或办公文档，每个不超过 {EVIDENCE_MAX_MB} MB；文件类型以内容为准。上传后不能修改或删除，传错的可撤回并说明理由。
        </p>
        {form.fieldError('file')}
        {form.refusal}
        <button type="submit">上传</button>
      </form>
    </Box>
  );
}

function WithdrawForm({ evidence, act }: { evidence: Evidence[]; act: Act }) {
  const [id, setId] = useState('');
  const [reason, setReason] = useState('');
  const form = useSubmit(act, { id: 'ev-withdraw-which', reason: 'ev-withdraw-reason' });
  const chosen = evidence.find((e) => e.id === id);
  const withdraw = () =>
    void form.submit(`已撤回证据材料“${chosen?.title ?? ''}”：该材料仍保留在记录中，标为已撤回。`, () => hub.request(WithdrawEvidenceDocument, { id, reason })).then((ok) => {
      if (ok) {
        setId('');
        setReason('');
      }
    });
  return (
    <Box title="撤回证据材料">
      <form onSubmit={(e) => e.preventDefault()}>
        <label htmlFor="ev-withdraw-which">撤回的材料</label>
        <select {...form.control('id')} value={id} onChange={(e) => setId(e.target.value)} required>
          <option value="">请选择</option>
          {evidence.map((e) => (
            <option key={e.id} value={e.id}>
              {EVIDENCE_KIND[e.kind]}：{e.title}（{e.fileName}）
            </option>
          ))}
        </select>
        {form.fieldError('id')}
        <label htmlFor="ev-withdraw-reason">撤回理由</label>
        <textarea {...form.control('reason')} value={reason} onChange={(e) => setReason(e.target.value)} required />
        {form.fieldError('reason')}
        {form.refusal}
        <ConfirmSubmit label="撤回" className="secondary" question={`确认撤回“${chosen?.title ?? ''}”？撤回后该材料仍保留在记录中（标为已撤回），不能恢复。`} onConfirm={withdraw} />
      </form>
    </Box>
  );
}
