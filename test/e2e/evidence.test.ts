/**
 * Evidence on a lead (证据材料) end to end through the gateway on real PostgreSQL, with real files:
 * a PDF and a JPEG made by a browser, an Office file, a file whose name says PDF but whose content
 * is not, a 25 MB file streamed up and down in constant memory (measured); who sees which file,
 * per agency; withdrawal; every download audited, and those of files holding personal data in
 * the record of who saw personal data.
 */
import { createHash, randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import http from 'node:http';
import { Readable } from 'node:stream';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { measured } from '../support/memory';
import { REPORT_LEAD, gql, leadInput, ok, startHub, tokenFor, type TestHub } from '../support/hub';

let hub: TestHub;
beforeAll(async () => {
  hub = await startHub();
});
afterAll(() => hub?.stop());

const fixture = (name: string) => readFileSync(path.join(__dirname, '..', 'fixtures', 'evidence', name));
const PDF = fixture('payroll.pdf');
const JPEG = fixture('wage-slip.jpg');
const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');

const unionHandler = tokenFor({ agency: 'UNION', region: '140400', id: 'ev-union', name: '王芳', roles: ['INTAKE', 'HANDLER'] });
const unionSupervisor = tokenFor({ agency: 'UNION', region: '140400', id: 'ev-sup', name: '赵主任', roles: ['SUPERVISOR'] });
const unionViewer = tokenFor({ agency: 'UNION', region: '140400', id: 'ev-view', roles: ['VIEWER'] });
const unionElsewhere = tokenFor({ agency: 'UNION', region: '330100', id: 'ev-hz' });
const inspector = tokenFor({ agency: 'INSPECTION', region: '140400', id: 'ev-insp', name: '刘监察' });
const prosecutor = tokenFor({ agency: 'PROCURATORATE', region: '140400', id: 'ev-proc' });

const run = async (token: string, query: string, variables: Record<string, unknown> = {}) => ok(await gql(hub.gatewayUrl, query, variables, { token }));
const zhTimeline = async (token: string, id: string) =>
  ok(await gql(hub.gatewayUrl, 'query($id: ID!) { lead(id: $id) { timeline { kind summary } } }', { id }, { token, language: 'zh-CN' })).lead.timeline as { kind: string; summary: string }[];
const report = async () => (await run(unionHandler, REPORT_LEAD, { input: leadInput() })).reportLead.id as string;

interface Meta {
  kind?: string;
  title?: string;
  documentDate?: string;
  fileName?: string;
  containsPersonalData?: boolean;
}

async function upload(token: string, leadId: string, body: Buffer, m: Meta = {}) {
  const q = new URLSearchParams({ leadId, kind: m.kind ?? 'PAYROLL', title: m.title ?? '2026年10月工资表', documentDate: m.documentDate ?? '2026-10-31', fileName: m.fileName ?? 'payroll.pdf', containsPersonalData: String(m.containsPersonalData ?? false) });
  const res = await fetch(`${hub.gatewayUrl}/evidence/files?${q}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/octet-stream', 'accept-language': 'zh-CN' },
    body: new Uint8Array(body),
  });
  return { status: res.status, body: (await res.json()) as Record<string, any> };
}

const download = (token: string, id: string) => fetch(`${hub.gatewayUrl}/evidence/${id}/file`, { headers: { authorization: `Bearer ${token}`, 'accept-language': 'zh-CN' } });

const EVIDENCE = 'id kind title documentDate fileName contentType sizeBytes digest containsPersonalData previewable downloadPath uploadedByName uploadedByAgency withdrawnAt withdrawnByName withdrawalReason';
const listed = async (token: string, leadId: string) => {
  const lead = (await run(token, `query($id: ID!) { lead(id: $id) { evidence { ${EVIDENCE} } } }`, { id: leadId })).lead;
  return lead ? (lead.evidence as Record<string, any>[]) : null;
};
const evidenceRows = async (leadId: string) => Number((await hub.sql<{ n: string }>('leads', 'select count(*) as n from lead_evidence where lead_id = $1', [leadId]))[0].n);

async function transferToInspection(leadId: string, accept: boolean) {
  const id = (await run(unionHandler, 'mutation($input: TransferLeadInput!) { transferLead(input: $input) { id } }', { input: { leadId, to: 'INSPECTION', kind: 'REFERRAL', reason: '请依法查处' } })).transferLead.id;
  if (accept) await run(inspector, 'mutation($id: ID!) { acceptTransfer(id: $id) { status } }', { id });
}

describe('attaching evidence', () => {
  it('takes a PDF and a JPEG, typed by their content, lists them on the lead and gives back the same bytes', async () => {
    const leadId = await report();
    const pdf = await upload(unionHandler, leadId, PDF, { kind: 'PAYROLL', title: '2026年10月工资表', documentDate: '2026-10-31', fileName: '工资表.pdf' });
    expect(pdf.status).toBe(201);
    expect(pdf.body).toMatchObject({ leadId, kind: 'PAYROLL', title: '2026年10月工资表', documentDate: '2026-10-31', fileName: '工资表.pdf', contentType: 'application/pdf', sizeBytes: PDF.length, digest: sha256(PDF), containsPersonalData: false });
    // The client's name for a JPEG does not matter: its bytes say what it is.
    const jpeg = await upload(unionHandler, leadId, JPEG, { kind: 'PHOTO', title: '工地考勤照片', documentDate: '2026-11-02', fileName: 'IMG_0001' });
    expect(jpeg.status).toBe(201);
    expect(jpeg.body.contentType).toBe('image/jpeg');

    const list = await listed(unionHandler, leadId);
    expect(list!.map((e) => [e.kind, e.contentType, e.previewable, e.uploadedByName, e.uploadedByAgency, e.withdrawnAt])).toEqual([
      ['PAYROLL', 'application/pdf', true, '王芳', 'UNION', null],
      ['PHOTO', 'image/jpeg', true, '王芳', 'UNION', null],
    ]);
    expect(list![0].downloadPath).toBe(`/evidence/${pdf.body.id}/file`);

    const got = await download(unionHandler, pdf.body.id);
    expect(got.status).toBe(200);
    expect(got.headers.get('content-type')).toBe('application/pdf');
    expect(got.headers.get('x-content-type-options')).toBe('nosniff');
    expect(decodeURIComponent(got.headers.get('content-disposition')!)).toContain("filename*=UTF-8''工资表.pdf");
    expect(sha256(Buffer.from(await got.arrayBuffer()))).toBe(sha256(PDF));
    const image = await download(unionHandler, jpeg.body.id);
    expect(Buffer.from(await image.arrayBuffer()).equals(JPEG)).toBe(true);

    // On the lead's timeline and the audit trail, the download too.
    const timeline = await zhTimeline(unionHandler, leadId);
    expect(timeline.filter((t) => t.kind === 'EVIDENCE_ATTACHED').map((t) => t.summary)).toEqual([expect.stringContaining('工资表/工资台账《2026年10月工资表》（2026-10-31）'), expect.stringContaining('照片《工地考勤照片》')]);
    const audit = await hub.sql<{ action: string; actor_id: string }>('leads', `select action, actor_id from audit_entry where entity_type = 'Evidence' and entity_id = $1 order by seq`, [pdf.body.id]);
    expect(audit).toEqual([{ action: 'EVIDENCE_ATTACHED', actor_id: 'ev-union' }, { action: 'EVIDENCE_DOWNLOADED', actor_id: 'ev-union' }]);
  });

  it('takes an Office document, and refuses a file whose name says PDF but whose content is not', async () => {
    const leadId = await report();
    const book = new ExcelJS.Workbook();
    book.addWorksheet('考勤').addRow(['李某', '2026-10-01', '出勤']);
    const xlsx = Buffer.from(await book.xlsx.writeBuffer());
    const office = await upload(unionHandler, leadId, xlsx, { kind: 'ATTENDANCE_RECORD', title: '考勤表', fileName: '考勤表.xlsx' });
    expect(office.status).toBe(201);
    expect(office.body.contentType).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');

    const fake = await upload(unionHandler, leadId, Buffer.from('这不是PDF，只是一段文字。\n'.repeat(50)), { fileName: '劳动合同.pdf', kind: 'LABOUR_CONTRACT' });
    expect(fake.status).toBe(400);
    expect(fake.body.error).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'EVIDENCE_TYPE_NOT_ACCEPTED' });
    expect(fake.body.error.message).toContain('文件类型以内容为准');
    // A bare ZIP renamed as a Word file is no Word file either.
    const zip = Buffer.concat([Buffer.from('PK\u0003\u0004', 'latin1'), randomBytes(2000)]);
    expect((await upload(unionHandler, leadId, zip, { fileName: '合同.docx' })).body.error.reason).toBe('EVIDENCE_TYPE_NOT_ACCEPTED');
    expect(await evidenceRows(leadId)).toBe(1);
  });

  it('names every fault of the description, refuses empty files, and answers the same file sent twice with the evidence already there', async () => {
    const leadId = await report();
    const bad = await upload(unionHandler, leadId, PDF, { kind: 'RECEIPT', title: '  ', documentDate: '2026-02-30' });
    expect(bad.status).toBe(400);
    expect(bad.body.error.invalidFields.map((f: { field: string; reason: string }) => [f.field, f.reason])).toEqual([['kind', 'VALUE_NOT_ALLOWED'], ['title', 'FIELD_REQUIRED'], ['documentDate', 'DATE_NOT_IN_CALENDAR']]);
    expect((await upload(unionHandler, leadId, Buffer.alloc(0))).body.error.reason).toBe('EVIDENCE_FILE_EMPTY');

    const first = await upload(unionHandler, leadId, PDF);
    const again = await upload(unionHandler, leadId, PDF);
    expect([first.status, again.status]).toEqual([201, 200]);
    expect(again.body.id).toBe(first.body.id);
    expect(await evidenceRows(leadId)).toBe(1);
  });

  it('refuses a file over 25 MB, whether it says its length or not, and keeps nothing of it', async () => {
    const leadId = await report();
    const tooLarge = Buffer.concat([PDF.subarray(0, 1024), Buffer.alloc(25 * 1024 * 1024 + 1 - 1024)]);
    const declared = await upload(unionHandler, leadId, tooLarge);
    expect(declared.status).toBe(413);
    expect(declared.body.error).toMatchObject({ code: 'PAYLOAD_TOO_LARGE', reason: 'EVIDENCE_FILE_TOO_LARGE' });
    const streamed = await uploadStream(unionHandler, leadId, generated(25 * 1024 * 1024 + 1));
    expect(streamed.status).toBe(413);
    expect(streamed.body.error.reason).toBe('EVIDENCE_FILE_TOO_LARGE');
    expect(await evidenceRows(leadId)).toBe(0);
  });
});

/** A PDF-headed file of `size` bytes, made as it is read (never whole in memory). */
function generated(size: number, seed = 'evidence'): Readable & { digest: () => string } {
  const hash = createHash('sha256');
  let digest: string | undefined;
  const stream = Readable.from((function* () {
    let sent = 0;
    for (let n = 0; sent < size; n++) {
      const block = n === 0 ? Buffer.concat([Buffer.from('%PDF-1.7\n'), createHash('sha512').update(seed).digest()]) : Buffer.alloc(64 * 1024, createHash('sha256').update(`${seed}${n}`).digest());
      const piece = block.subarray(0, Math.min(block.length, size - sent));
      sent += piece.length;
      hash.update(piece);
      yield piece;
    }
  })());
  return Object.assign(stream, { digest: () => (digest ??= hash.digest('hex')) });
}

/**
 * An upload streamed with node:http, which waits for the socket to drain (fetch with a stream
 * body reads ahead without bound, so it would measure the test's client instead of the hub).
 */
function uploadStream(token: string, leadId: string, body: Readable, m: Meta = {}): Promise<{ status: number; body: Record<string, any> }> {
  const q = new URLSearchParams({ leadId, kind: m.kind ?? 'PAYROLL', title: m.title ?? '工资台账', documentDate: m.documentDate ?? '2026-10-31', fileName: m.fileName ?? 'ledger.pdf', containsPersonalData: 'false' });
  return new Promise((resolve, reject) => {
    const req = http.request(`${hub.gatewayUrl}/evidence/files?${q}`, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/octet-stream' } }, async (res) => {
      let text = '';
      for await (const c of res) text += c;
      resolve({ status: res.statusCode ?? 0, body: JSON.parse(text) });
    });
    req.on('error', reject);
    body.pipe(req);
  });
}

describe('a 25 MB file', () => {
  it('goes up and down through the gateway in constant memory, in 1 MB pieces in the database', async () => {
    const SIZE = 25 * 1024 * 1024;
    const leadId = await report();
    // A first file up and down before measuring, so that the code it runs is loaded and the pooled
    // connections' buffers have grown to a piece's size (they keep it: not what this file holds).
    const warm = await uploadStream(unionHandler, leadId, generated(3 * 1024 * 1024, 'warm-up'), { title: '工资台账（上半年）' });
    expect(warm.status).toBe(201);
    expect((await (await download(unionHandler, warm.body.id)).arrayBuffer()).byteLength).toBe(3 * 1024 * 1024);
    const body = generated(SIZE, 'large');
    const up = await measured(() => uploadStream(unionHandler, leadId, body, { title: '工资台账（全年）' }));
    expect(up.result.status).toBe(201);
    expect(up.result.body).toMatchObject({ sizeBytes: SIZE, digest: body.digest() });
    const chunks = await hub.sql<{ n: string; largest: number }>('leads', 'select count(*) as n, max(length(data)) as largest from lead_evidence_chunk where evidence_id = $1', [up.result.body.id]);
    expect(chunks[0]).toEqual({ n: '25', largest: 1024 * 1024 });

    const down = await measured(
      () =>
        new Promise<{ status: number; bytes: number; digest: string }>((resolve, reject) => {
          http.get(`${hub.gatewayUrl}/evidence/${up.result.body.id}/file`, { headers: { authorization: `Bearer ${unionHandler}` } }, async (res) => {
            const hash = createHash('sha256');
            let bytes = 0;
            for await (const piece of res as AsyncIterable<Buffer>) {
              hash.update(piece);
              bytes += piece.length;
            }
            resolve({ status: res.statusCode ?? 0, bytes, digest: hash.digest('hex') });
          }).on('error', reject);
        }),
    );
    expect(down.result).toEqual({ status: 200, bytes: SIZE, digest: body.digest() });
    // The client, the gateway and the leads service run in this one process: all three together
    // hold a 1 MB piece in flight, as it is encoded for PostgreSQL, and the sockets' buffers,
    // whatever the file's size: 1.8–12.3 MB measured at the peak (the most in CI, where the
    // collector's timing varies), against 25 MB and more for the file held whole.
    console.log(`evidence 25 MB: memory growth up ${(up.growth / 1048576).toFixed(1)} MB, down ${(down.growth / 1048576).toFixed(1)} MB`);
    expect(up.growth).toBeLessThan(SIZE * 0.6);
    expect(down.growth).toBeLessThan(SIZE * 0.6);
  }, 240_000);
});

describe('who sees which evidence', () => {
  let leadId: string;
  let plain: string;
  let personal: string;
  beforeAll(async () => {
    leadId = await report();
    plain = (await upload(unionHandler, leadId, PDF, { title: '工资表' })).body.id;
    personal = (await upload(unionHandler, leadId, JPEG, { kind: 'CHAT_RECORD', title: '与包工头的聊天记录', fileName: 'chat.jpg', containsPersonalData: true })).body.id;
  });
  const seen = async (token: string) => (await listed(token, leadId))?.map((e) => e.id) ?? null;
  const status = async (token: string, id: string) => (await download(token, id)).status;

  it('the agency handling the lead sees both; its view-only staff only the file without personal data', async () => {
    expect(await seen(unionHandler)).toEqual([plain, personal]);
    expect(await seen(unionViewer)).toEqual([plain]);
    expect([await status(unionViewer, plain), await status(unionViewer, personal)]).toEqual([200, 404]);
  });

  it('an agency sent the lead sees the file without personal data until it accepts, then both; it may attach its own', async () => {
    await transferToInspection(leadId, false);
    expect(await seen(inspector)).toEqual([plain]);
    const refused = await download(inspector, personal);
    expect(refused.status).toBe(404);
    expect(((await refused.json()) as { error: { reason: string } }).error.reason).toBe('EVIDENCE_NOT_FOUND');
    const transfer = (await run(inspector, 'query { transferInbox { edges { node { id lead { id } } } } }')).transferInbox.edges.find((e: { node: { lead: { id: string } } }) => e.node.lead.id === leadId).node.id;
    await run(inspector, 'mutation($id: ID!) { acceptTransfer(id: $id) { status } }', { id: transfer });
    expect(await seen(inspector)).toEqual([plain, personal]);
    expect(await status(inspector, personal)).toBe(200);
    const own = await upload(inspector, leadId, fixture('chat.png'), { kind: 'EMPLOYER_MATERIAL', title: '用人单位提供的工资发放记录', fileName: 'records.png' });
    expect(own.status).toBe(201);
    expect(own.body.contentType).toBe('image/png');
  });

  it('an agency not involved, and staff outside the region, see no evidence and cannot attach any', async () => {
    for (const token of [prosecutor, unionElsewhere]) {
      expect(await seen(token)).toBeNull();
      expect([await status(token, plain), await status(token, personal)]).toEqual([404, 404]);
      const tried = await upload(token, leadId, PDF, { title: '不应存入' });
      expect(tried.status).toBe(404);
      expect(tried.body.error.reason).toBe('LEAD_NOT_FOUND');
    }
    expect((await upload(unionViewer, leadId, PDF, { title: '查看角色' })).body.error.reason).toBe('EVIDENCE_ROLE_REQUIRED');
  });

  it('a download of a file holding personal data is in the record of who saw personal data; others are audited only', async () => {
    const other = await report();
    const file = (await upload(unionHandler, other, JPEG, { kind: 'IOU', title: '欠条（含身份证号）', fileName: 'iou.jpg', containsPersonalData: true })).body.id;
    const pdf = (await upload(unionHandler, other, PDF, { title: '工资表' })).body.id;
    expect(await status(unionHandler, file)).toBe(200);
    expect(await status(unionHandler, pdf)).toBe(200);
    const access = (await run(unionSupervisor, 'query($id: ID!) { lead(id: $id) { personalDataAccess { leadId complainant evidenceId fields viewerId viewerName viewerAgency via } } }', { id: other })).lead.personalDataAccess;
    // Newest first: the download, then the intake's own answer (it showed the complainant's numbers).
    expect(access.map((a: { via: string }) => a.via)).toEqual(['evidenceDownload', 'reportLead']);
    expect(access[0]).toEqual({ leadId: other, complainant: null, evidenceId: file, fields: ['EVIDENCE_FILE'], viewerId: 'ev-union', viewerName: '王芳', viewerAgency: 'UNION', via: 'evidenceDownload' });
    const audited = await hub.sql<{ entity_id: string }>('leads', `select entity_id from audit_entry where action = 'EVIDENCE_DOWNLOADED' and entity_id = any($1) order by seq`, [[file, pdf]]);
    expect(audited.map((a) => a.entity_id)).toEqual([file, pdf]);
    // A personal file's title may name a person: never in the audit trail.
    const trail = await hub.sql('leads', `select data from audit_entry where entity_id = $1`, [file]);
    expect(JSON.stringify(trail)).not.toContain('身份证');
  });
});

describe('withdrawing evidence', () => {
  const WITHDRAW = `mutation($id: ID!, $reason: String!) { withdrawEvidence(id: $id, reason: $reason) { id withdrawnAt withdrawnByName withdrawalReason } }`;

  it('staff of the agency that attached it withdraw it once, saying why; it stays listed and on the record', async () => {
    const leadId = await report();
    await transferToInspection(leadId, true);
    const id = (await upload(unionHandler, leadId, PDF, { title: '误传的工资表' })).body.id;

    const notTheirs = await gql(hub.gatewayUrl, WITHDRAW, { id, reason: '不是本案材料' }, { token: inspector });
    expect(notTheirs.errors?.[0].extensions).toMatchObject({ code: 'FORBIDDEN', reason: 'EVIDENCE_WITHDRAW_OTHER_AGENCY' });
    const noReason = await gql(hub.gatewayUrl, WITHDRAW, { id, reason: '  ' }, { token: unionHandler });
    expect(noReason.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'FIELD_REQUIRED', field: 'reason' });

    const done = (await run(unionHandler, WITHDRAW, { id, reason: '上传错了文件，应为11月工资表' })).withdrawEvidence;
    expect(done).toMatchObject({ id, withdrawnByName: '王芳', withdrawalReason: '上传错了文件，应为11月工资表' });
    expect(done.withdrawnAt).not.toBeNull();
    const twice = await gql(hub.gatewayUrl, WITHDRAW, { id, reason: '再撤一次' }, { token: unionHandler });
    expect(twice.errors?.[0].extensions).toMatchObject({ code: 'CONFLICT', reason: 'EVIDENCE_ALREADY_WITHDRAWN' });

    expect((await listed(inspector, leadId))!.map((e) => [e.id, e.withdrawalReason])).toEqual([[id, '上传错了文件，应为11月工资表']]);
    expect((await download(inspector, id)).status).toBe(200);
    const timeline = await zhTimeline(unionHandler, leadId);
    expect(timeline.find((t) => t.kind === 'EVIDENCE_WITHDRAWN')?.summary).toContain('理由：上传错了文件，应为11月工资表');
  });

  it('the database refuses to change or delete a file or its description, whatever the code does', async () => {
    const leadId = await report();
    const id = (await upload(unionHandler, leadId, PDF)).body.id;
    await expect(hub.sql('leads', `update lead_evidence_chunk set data = '\\x00' where evidence_id = $1`, [id])).rejects.toThrow(/not allowed/);
    await expect(hub.sql('leads', `delete from lead_evidence_chunk where evidence_id = $1`, [id])).rejects.toThrow(/not allowed/);
    await expect(hub.sql('leads', `update lead_evidence set title = '改过的' where id = $1`, [id])).rejects.toThrow(/evidence never changes/);
    await expect(hub.sql('leads', `delete from lead_evidence where id = $1`, [id])).rejects.toThrow(/not allowed/);
    const got = await download(unionHandler, id);
    expect(sha256(Buffer.from(await got.arrayBuffer()))).toBe(sha256(PDF));
  });
});
