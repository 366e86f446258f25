import { useEffect, useRef, useState, type FormEvent } from 'react';
import {
  CancelLeadImportDocument,
  HubError,
  LeadImportDocument,
  LeadImportRowsDocument,
  MyLeadImportsDocument,
  StartLeadImportDocument,
  type ImportRowOutcome,
  type LeadImportQuery,
  type LeadImportRowsQuery,
  type LeadImportStatus,
} from '../../../client';
import { COLUMNS, TEMPLATE_NOTES } from '../../../lib/vocabulary/import-template';
import { LANGUAGE, downloadFile, hub, session } from '../api';
import { ConfirmSubmit, useSubmit, type Act } from '../form';
import { go, useLoad } from '../hooks';
import { IMPORT_STATUS, fileLabel, when } from '../labels';

type Job = NonNullable<LeadImportQuery['leadImport']>;
type Row = NonNullable<LeadImportRowsQuery['leadImport']>['rows'][number];

/** An import still on its way: the screen asks again until it has ended. */
const UNDER_WAY: LeadImportStatus[] = ['QUEUED', 'RUNNING'];
const POLL_MS = 1000;
const PAGE = 100;

/** The file goes up over plain HTTP (the gateway forwards it unparsed); a refusal comes back as the API's error, placed at the file control. */
async function uploadFile(file: File): Promise<{ id: string }> {
  const res = await fetch(`/imports/files?fileName=${encodeURIComponent(file.name)}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${session.get() ?? ''}`, 'accept-language': LANGUAGE, 'content-type': 'application/octet-stream' },
    body: file,
  });
  const body = (await res.json().catch(() => ({}))) as { id?: string; error?: { message?: string; code?: string; reason?: string } };
  if (res.ok && body.id) return { id: body.id };
  const message = body.error?.message ?? `HTTP ${res.status}`;
  throw new HubError(message, body.error?.code ?? 'BAD_USER_INPUT', [{ message, extensions: { code: body.error?.code, reason: body.error?.reason, field: 'file' } }], res.status);
}

/** 批量导入: the template, the upload, an import's progress and report, and one's earlier imports. */
export function Import({ id }: { id?: string }) {
  const [message, setMessage] = useState<string>();
  const [failure, setFailure] = useState<string>();
  // Bumped when an import ends, so the list of earlier imports shows it.
  const [ended, setEnded] = useState(0);

  /** What is downloaded is named in words: the file's own name ends in an extension. */
  const download = async (path: string, what: string) => {
    try {
      await downloadFile(path, path.slice(path.lastIndexOf('/') + 1));
      setFailure(undefined);
      setMessage(`已下载${what}`);
    } catch (e) {
      setMessage(undefined);
      setFailure(`下载失败：${(e as Error).message}`);
    }
  };

  return (
    <div className="lead-import">
      <h1 tabIndex={-1}>批量导入</h1>
      <p role="status">{message}</p>
      {failure && <p role="alert" className="error">{failure}</p>}
      <Template download={download} />
      <Upload onStarted={setMessage} />
      {id && <Report key={id} id={id} download={download} onEnded={() => setEnded((n) => n + 1)} />}
      <MyImports current={id} round={ended} />
    </div>
  );
}

function Template({ download }: { download: (path: string, what: string) => Promise<void> }) {
  return (
    <section aria-labelledby="im-template">
      <h2 id="im-template">导入模板</h2>
      <p>请使用模板填写：第一行为表头，请勿修改；每行一条线索。模板中已填两行示例，导入前请删除或替换。</p>
      <div className="buttons">
        <button type="button" onClick={() => void download('/imports/template.xlsx', '导入模板（电子表格）')}>下载模板（电子表格）</button>
        <button type="button" className="secondary" onClick={() => void download('/imports/template.csv', '导入模板（逗号分隔文件）')}>
          下载模板（逗号分隔文件）
        </button>
      </div>
      <details>
        <summary>模板各列说明</summary>
        <div className="table-wrap" tabIndex={0} role="region" aria-label="模板各列">
          <table>
            <caption className="visually-hidden">模板各列，按模板顺序</caption>
            <thead>
              <tr>
                <th scope="col">列名（表头）</th>
                <th scope="col">是否必填</th>
              </tr>
            </thead>
            <tbody>
              {COLUMNS.map((c) => (
                <tr key={c.header}>
                  <th scope="row">{c.header}</th>
                  <td>{c.required ? '必填' : '选填'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        <ul className="notes">
          {TEMPLATE_NOTES.map((n) => (
            <li key={n}>{n}</li>
          ))}
        </ul>
        <p className="help">每行按登记线索的同一规则检查；地区代码须在您的管辖范围内。可导入电子表格或逗号分隔文件；逗号分隔文件的编码自动识别，用表格软件直接另存即可。</p>
      </details>
    </section>
  );
}

function Upload({ onStarted }: { onStarted: (message: string) => void }) {
  const [file, setFile] = useState<File | null>(null);
  const [allOrNothing, setAllOrNothing] = useState(false);
  const [busy, setBusy] = useState(false);
  const formRef = useRef<HTMLFormElement>(null);
  const act: Act = async (done, run) => {
    try {
      await run();
      onStarted(done);
      return { ok: true };
    } catch (error) {
      return { ok: false, error };
    }
  };
  const form = useSubmit(act, { file: 'im-file' });
  const control = form.control('file');

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!file || busy) return;
    setBusy(true);
    let started = '';
    const ok = await form.submit(
      allOrNothing ? `已上传“${fileLabel(file.name)}”，正在逐行检查：全部成功才导入，任一行被拒绝则不导入任何线索。` : `已上传“${fileLabel(file.name)}”并开始导入：导入在后台进行，进度和结果见下方。`,
      async () => {
        const up = await uploadFile(file);
        await hub.request(StartLeadImportDocument, { id: up.id, allOrNothing });
        started = up.id;
      },
    );
    setBusy(false);
    if (!ok) return;
    formRef.current?.reset();
    setFile(null);
    setAllOrNothing(false);
    go(`/import/${encodeURIComponent(started)}`);
  };

  return (
    <form ref={formRef} className="action" onSubmit={(e) => void submit(e)} aria-labelledby="im-upload">
      <h2 id="im-upload">上传文件并导入</h2>
      {form.refusal}
      <div className="field">
        <label htmlFor="im-file">导入文件（电子表格或逗号分隔文件）</label>
        {/* The browser's own file control speaks the browser's language: ours says it in Chinese, the control stays the one focused and read out. */}
        <div className="file-pick">
          <input
            {...control}
            className="file-input"
            type="file"
            required
            accept=".xlsx,.csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet,text/csv"
            aria-describedby={[control['aria-describedby'], 'im-file-chosen'].filter(Boolean).join(' ')}
            onChange={(e) => setFile(e.target.files?.[0] ?? null)}
          />
          <span className="button secondary" aria-hidden="true">选择文件</span>
          <span id="im-file-chosen">{file ? `已选择：${fileLabel(file.name)}` : '未选择文件'}</span>
        </div>
        {form.fieldError('file')}
      </div>
      <div className="field check">
        <input id="im-all" type="checkbox" checked={allOrNothing} onChange={(e) => setAllOrNothing(e.target.checked)} aria-describedby="im-all-help" />
        <label htmlFor="im-all">全部成功才导入</label>
      </div>
      <p id="im-all-help" className="help">勾选后先检查每一行，只要有一行被拒绝，就不导入任何线索；不勾选则导入无误的行，被拒绝的行可下载更正后重新导入。</p>
      <div className="buttons">
        <button type="submit" disabled={busy}>上传并开始导入</button>
      </div>
    </form>
  );
}

/** An import's progress while it runs, then its report; focus moves to the result when it ends. */
function Report({ id, download, onEnded }: { id: string; download: (path: string, what: string) => Promise<void>; onEnded: () => void }) {
  const { data, error, refresh } = useLoad(() => hub.request(LeadImportDocument, { id }), [id]);
  const [cancelled, setCancelled] = useState<string>();
  const [cancelError, setCancelError] = useState<string>();
  const result = useRef<HTMLHeadingElement>(null);
  const shown = useRef(false);
  const job = data?.leadImport;
  const underWay = !!job && (UNDER_WAY.includes(job.status) || job.status === 'UPLOADED');
  const finished = !!job && !underWay;

  // Asks again while the import is under way, through a failed request too (refresh shows its error).
  const status = job?.status;
  useEffect(() => {
    if (!status || !UNDER_WAY.includes(status)) return;
    let live = true;
    let timer: ReturnType<typeof setTimeout>;
    const next = () => {
      timer = setTimeout(() => void refresh().then(() => live && next()), POLL_MS);
    };
    next();
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [status, refresh]);

  useEffect(() => {
    if (!finished || shown.current) return;
    shown.current = true;
    result.current?.focus();
    onEnded();
  }, [finished]);

  if (error && !data) return <p role="alert" className="error">{error}</p>;
  if (!data) return <p>正在加载…</p>;
  if (!job) return <p className="warning">未找到该导入记录：它不存在，或不是您本人发起的导入。</p>;

  const cancel = async () => {
    try {
      const { cancelLeadImport: c } = await hub.request(CancelLeadImportDocument, { id: job.id });
      await refresh();
      setCancelError(undefined);
      setCancelled(`已取消导入“${fileLabel(job.fileName)}”：已导入的 ${c.imported} 条线索保留，其余行不再导入。`);
    } catch (e) {
      setCancelError(e instanceof HubError ? `取消失败：${e.message}` : `取消失败：${(e as Error).message}`);
    }
  };

  return (
    <section aria-labelledby="im-report" className="card import-report">
      <h2 id="im-report">导入“{fileLabel(job.fileName)}”</h2>
      <p>
        状态：<strong>{IMPORT_STATUS[job.status]}</strong>
        {job.allOrNothing && '（全部成功才导入）'}；上传于 {when(job.createdAt)}
        {job.finishedAt && `，结束于 ${when(job.finishedAt)}`}
      </p>
      {error && <p role="alert" className="error">{error}</p>}
      {(underWay || job.rowsTotal !== null) && <Progress job={job} />}
      {job.status === 'UPLOADED' && <StartUploaded id={job.id} onStarted={refresh} />}
      {underWay && (
        <>
          {job.status !== 'UPLOADED' && <p className="help">导入在后台进行，本页自动刷新进度；离开本页不影响导入。</p>}
          {cancelError && <p role="alert" className="error">{cancelError}</p>}
          <ConfirmSubmit
            label="取消导入"
            className="secondary"
            question={`停止导入“${fileLabel(job.fileName)}”？正在处理的一批完成后停止，已导入的线索保留，其余行不再导入。`}
            onConfirm={() => void cancel()}
          />
        </>
      )}
      {finished && (
        <>
          <h3 id="im-result" tabIndex={-1} ref={result}>导入结果</h3>
          {cancelled && <p className="done">{cancelled}</p>}
          <p className={job.status === 'DONE' ? 'done' : 'warning'}>{summaryText(job)}</p>
          <dl className="facts">
            <dt>文件数据行</dt>
            <dd>{job.rowsTotal ?? 0} 行</dd>
            <dt>已导入</dt>
            <dd>{job.imported} 条</dd>
            <dt>已存在（未重复创建）</dt>
            <dd>{job.alreadyPresent} 行</dd>
            <dt>被拒绝</dt>
            <dd>{job.refused} 行</dd>
            <dt>可能重复（已标记，未合并）</dt>
            <dd>{job.possibleDuplicates} 条</dd>
          </dl>
          {job.refused > 0 && (
            <>
              <h3>被拒绝的行</h3>
              <p>下载被拒绝的行（含原行号和拒绝原因），更正后可直接重新导入；已导入的行不会重复创建。</p>
              <div className="buttons">
                <button type="button" onClick={() => void download(job.refusedRowsUrl, '被拒绝的行（电子表格）')}>下载被拒绝的行（电子表格）</button>
                <button type="button" className="secondary" onClick={() => void download(job.refusedRowsUrl.replace(/\.xlsx$/, '.csv'), '被拒绝的行（逗号分隔文件）')}>
                  下载被拒绝的行（逗号分隔文件）
                </button>
              </div>
              <Rows id={job.id} outcome="REFUSED" />
            </>
          )}
          {job.possibleDuplicates > 0 && (
            <>
              <h3>可能重复的线索</h3>
              <p>以下行已导入，但与已有的在办线索相似：请在线索页核对，确属重复的由办案人员标记重复。</p>
              <Rows id={job.id} outcome="POSSIBLE_DUPLICATE" />
            </>
          )}
        </>
      )}
    </section>
  );
}

/** A file uploaded but never started (its start failed, or was never sent): started from its report. */
function StartUploaded({ id, onStarted }: { id: string; onStarted: () => Promise<void> }) {
  const [allOrNothing, setAllOrNothing] = useState(false);
  const act: Act = async (_done, run) => {
    try {
      await run();
      await onStarted();
      return { ok: true };
    } catch (error) {
      return { ok: false, error };
    }
  };
  const form = useSubmit(act);
  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        void form.submit('', () => hub.request(StartLeadImportDocument, { id, allOrNothing }));
      }}
    >
      <p className="warning">该文件已上传，但尚未开始导入。</p>
      {form.refusal}
      <div className="field check">
        <input id="im-start-all" type="checkbox" checked={allOrNothing} onChange={(e) => setAllOrNothing(e.target.checked)} />
        <label htmlFor="im-start-all">全部成功才导入</label>
      </div>
      <button type="submit">开始导入该文件</button>
    </form>
  );
}

/** What the import did, and what comes next, in words. */
function summaryText(job: Job): string {
  const rest = job.refused > 0 ? `${job.refused} 行被拒绝，请下载被拒绝的行，更正后重新导入。` : '';
  switch (job.status) {
    case 'DONE':
      return `导入完成：新导入 ${job.imported} 条线索，${job.alreadyPresent} 行已存在未重复创建。${rest}`;
    case 'REFUSED':
      return job.failure ?? '有行被拒绝，未导入任何线索：请更正后重新导入。';
    case 'CANCELLED':
      return `导入已取消：取消前已导入 ${job.imported} 条线索，未处理的行没有导入。`;
    case 'FAILED':
      return `导入失败，未导入任何线索：${job.failure ?? ''}`;
    default:
      return IMPORT_STATUS[job.status];
  }
}

function Progress({ job }: { job: Job }) {
  const total = job.rowsTotal;
  const text =
    job.status === 'UPLOADED' ? '尚未开始导入' : total === null ? '正在清点文件行数…' : `已处理 ${job.rowsDone} / ${total} 行，其中被拒绝 ${job.refused} 行`;
  return (
    <div className="progress">
      <div
        role="progressbar"
        aria-label="导入进度"
        aria-valuemin={0}
        aria-valuemax={total ?? undefined}
        aria-valuenow={total === null ? undefined : job.rowsDone}
        aria-valuetext={text}
      >
        <progress aria-hidden="true" max={total || 1} value={total === null ? undefined : total === 0 ? 1 : job.rowsDone} />
      </div>
      <p>{text}</p>
    </div>
  );
}

const WHAT: Record<ImportRowOutcome, string> = { REFUSED: '被拒绝的行', POSSIBLE_DUPLICATE: '可能重复的线索', ALREADY_PRESENT: '已存在的行' };

/** The report's rows of one outcome, a page at a time: each problem with its row and column. */
function Rows({ id, outcome }: { id: string; outcome: ImportRowOutcome }) {
  const [rows, setRows] = useState<Row[]>([]);
  const [more, setMore] = useState(false);
  const [error, setError] = useState<string>();
  const load = async (afterRow: number) => {
    try {
      const page = (await hub.request(LeadImportRowsDocument, { id, outcome, afterRow, first: PAGE })).leadImport?.rows ?? [];
      setRows((r) => (afterRow ? [...r, ...page] : page));
      setMore(page.length === PAGE);
      setError(undefined);
    } catch (e) {
      setError(`无法加载${WHAT[outcome]}：${(e as Error).message}`);
    }
  };
  useEffect(() => {
    void load(0);
  }, [id, outcome]);

  return (
    <>
      {error && <p role="alert" className="error">{error}</p>}
      <div className="table-wrap" tabIndex={0} role="region" aria-label={WHAT[outcome]}>
        <table className="wide">
          <caption className="visually-hidden">{WHAT[outcome]}，按文件中的行号</caption>
          <thead>
            <tr>
              <th scope="col">行号</th>
              <th scope="col">线索来源编号</th>
              {outcome === 'REFUSED' ? <th scope="col">列</th> : <th scope="col">导入后的线索编号</th>}
              <th scope="col">{outcome === 'REFUSED' ? '拒绝原因' : '说明'}</th>
            </tr>
          </thead>
          <tbody>
            {rows.flatMap((r) =>
              r.problems.map((p, i) => (
                <tr key={`${r.rowNo}-${i}`}>
                  <th scope="row">{r.rowNo}</th>
                  <td>{r.sourceRef ?? '（未填）'}</td>
                  <td>{outcome === 'REFUSED' ? p.column : r.referenceNo}</td>
                  <td>{p.message}</td>
                </tr>
              )),
            )}
          </tbody>
        </table>
      </div>
      {more && (
        <button type="button" className="secondary" onClick={() => void load(rows[rows.length - 1].rowNo)}>
          显示更多{WHAT[outcome]}
        </button>
      )}
    </>
  );
}

function MyImports({ current, round }: { current?: string; round: number }) {
  const { data, error } = useLoad(() => hub.request(MyLeadImportsDocument, { first: 20 }), [current, round]);
  const jobs = data?.myLeadImports;
  return (
    <section aria-labelledby="im-mine">
      <h2 id="im-mine">我的导入记录</h2>
      {error && <p role="alert" className="error">{error}</p>}
      {jobs && jobs.length === 0 && <p>您还没有导入过文件。</p>}
      {jobs && jobs.length > 0 && (
        <div className="table-wrap" tabIndex={0} role="region" aria-label="我的导入记录">
          <table className="wide">
            <caption className="visually-hidden">我的导入记录，最新在前</caption>
            <thead>
              <tr>
                <th scope="col">文件</th>
                <th scope="col">上传时间</th>
                <th scope="col">状态</th>
                <th scope="col">已导入</th>
                <th scope="col">已存在</th>
                <th scope="col">被拒绝</th>
              </tr>
            </thead>
            <tbody>
              {jobs.map((j) => (
                <tr key={j.id}>
                  <th scope="row">
                    <a href={`#/import/${encodeURIComponent(j.id)}`} aria-current={j.id === current ? 'true' : undefined}>
                      {fileLabel(j.fileName)}
                    </a>
                  </th>
                  <td>{when(j.createdAt)}</td>
                  <td>{IMPORT_STATUS[j.status]}</td>
                  <td>{j.imported}</td>
                  <td>{j.alreadyPresent}</td>
                  <td>{j.refused}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
