import type { ReactNode } from 'react';
import { ClosureReportDocument, TransferLetterDocument, type Agency, type ClosureReportQuery } from '../../../client';
import { AGENCIES } from '../../../lib/vocabulary';
import { hub } from '../api';
import { useLoad } from '../hooks';
import { useRegionName } from '../regions';
import { staffNames } from '../staff';
import { AGENCY, CHANNEL, CLOSURE_REASON, INDUSTRY, TRANSFER_KIND, TRANSFER_STATUS, day, when, yuan } from '../labels';

type PrintedLead = NonNullable<ClosureReportQuery['lead']>;
type Facts = Omit<PrintedLead, 'agencies' | 'duplicateOf'>;

/** The documents print as the API gives them to the caller: complainants' ID numbers and phones masked unless the caller's agency handles the lead. */
function Document({ title, leadId, children }: { title: string; leadId: string; children: ReactNode }) {
  return (
    <article className="document">
      <div className="no-print buttons">
        <button type="button" onClick={() => window.print()}>
          打印
        </button>
        <a href={`#/leads/${encodeURIComponent(leadId)}`}>返回线索</a>
      </div>
      <h1 tabIndex={-1}>{title}</h1>
      {children}
    </article>
  );
}

function LeadFacts({ lead }: { lead: Facts }) {
  const regionName = useRegionName();
  return (
    <section aria-labelledby="doc-facts-h">
      <h2 id="doc-facts-h">线索基本情况</h2>
      <dl className="facts">
        <dt>线索编号</dt>
        <dd>{lead.referenceNo}</dd>
        <dt>用人单位</dt>
        <dd>{lead.employer.name}{lead.employer.creditCode ? `（统一社会信用代码 ${lead.employer.creditCode}）` : ''}</dd>
        {lead.generalContractor && (
          <>
            <dt>施工总承包单位</dt>
            <dd>{lead.generalContractor.name}</dd>
          </>
        )}
        <dt>受理</dt>
        <dd>{when(lead.receivedAt)}，{CHANNEL[lead.channel]}，{AGENCY[lead.intakeAgency]}受理</dd>
        <dt>地区</dt>
        <dd>{regionName(lead.regionCode)}</dd>
        <dt>所属行业</dt>
        <dd>{INDUSTRY[lead.industry]}</dd>
        {lead.projectName && (
          <>
            <dt>项目名称</dt>
            <dd>{lead.projectName}</dd>
          </>
        )}
        <dt>涉及人数</dt>
        <dd>{lead.workerCount} 人{lead.isMassCase ? '（群体性欠薪）' : ''}</dd>
        <dt>欠薪金额</dt>
        <dd>{yuan(lead.amountOwed)}</dd>
        <dt>欠薪期间</dt>
        <dd>{lead.wagePeriodStart ?? '—'} 至 {lead.wagePeriodEnd ?? '—'}</dd>
        <dt>情况描述</dt>
        <dd>{lead.description}</dd>
        <dt>投诉人</dt>
        <dd>{lead.complainants.map((c) => [c.name, c.idNumber && `身份证号码 ${c.idNumber}`, c.phone && `电话 ${c.phone}`].filter(Boolean).join('，')).join('；') || '—'}</dd>
      </dl>
    </section>
  );
}

const named = (lead: Facts, id: string) => staffNames(lead.timeline).get(id)?.name ?? '—';

function Missing({ what }: { what: string }) {
  return (
    <>
      <h1 tabIndex={-1}>未找到{what}</h1>
      <p>该文书不存在，或不在您的查看范围内。</p>
    </>
  );
}

/** 移送函: a transfer as the receiving agency reads it, with the lead's facts. */
export function TransferLetter({ id }: { id: string }) {
  const { data, error, loading } = useLoad(() => hub.request(TransferLetterDocument, { id }), [id]);
  if (loading && !data) return <p>正在加载…</p>;
  if (error) return <p role="alert" className="error">{error}</p>;
  const t = data?.transfer;
  if (!t) return <Missing what="移送函" />;
  return (
    <Document title="移送函" leadId={t.lead.id}>
      <p className="addressee">{AGENCY[t.to]}：</p>
      <p>
        现将线索 {t.lead.referenceNo}（{t.lead.employer.name}，涉及 {t.lead.workerCount} 人，欠薪 {yuan(t.lead.amountOwed)}）以“{TRANSFER_KIND[t.kind]}”方式移送你单位，请依法办理，并于 {day(t.feedbackDueAt)} 前反馈办理情况。
      </p>
      <section aria-labelledby="doc-transfer-h">
        <h2 id="doc-transfer-h">移送事项</h2>
        <dl className="facts">
          <dt>移送单位</dt>
          <dd>{AGENCY[t.from]}</dd>
          <dt>接收单位</dt>
          <dd>{AGENCY[t.to]}</dd>
          <dt>移送类型</dt>
          <dd>{TRANSFER_KIND[t.kind]}</dd>
          <dt>移送理由</dt>
          <dd>{t.reason}</dd>
          <dt>移送日期</dt>
          <dd>{day(t.requestedAt)}</dd>
          <dt>反馈期限</dt>
          <dd>{day(t.feedbackDueAt)}</dd>
          <dt>经办人</dt>
          <dd>{named(t.lead, t.requestedBy)}</dd>
          <dt>当前状态</dt>
          <dd>{TRANSFER_STATUS[t.status]}{t.respondedAt ? `（${day(t.respondedAt)}）` : ''}</dd>
        </dl>
      </section>
      <LeadFacts lead={t.lead} />
      <Signature unit={AGENCY[t.from]} on={day(t.requestedAt)} />
    </Document>
  );
}

/** 结案报告: one agency's closure of its case on a lead. */
export function ClosureReport({ id, agency }: { id: string; agency: string }) {
  const { data, error, loading } = useLoad(() => hub.request(ClosureReportDocument, { id }), [id]);
  if (loading && !data) return <p>正在加载…</p>;
  if (error) return <p role="alert" className="error">{error}</p>;
  const lead = data?.lead;
  const closure = (AGENCIES as readonly string[]).includes(agency) ? lead?.agencies.find((a) => a.agency === agency)?.closure : undefined;
  if (!lead || !closure) return <Missing what="结案报告" />;
  const unit = AGENCY[agency as Agency];
  return (
    <Document title="结案报告" leadId={lead.id}>
      <section aria-labelledby="doc-closure-h">
        <h2 id="doc-closure-h">结案情况</h2>
        <dl className="facts">
          <dt>办结单位</dt>
          <dd>{unit}</dd>
          <dt>结案原因</dt>
          <dd>{CLOSURE_REASON[closure.reason]}{closure.reason === 'DUPLICATE' && lead.duplicateOf ? `（原线索 ${lead.duplicateOf.referenceNo}）` : ''}</dd>
          <dt>追回金额</dt>
          <dd>{yuan(closure.amountRecovered)}（其中工资 {yuan(closure.wagesRecovered)}，加付赔偿金 {yuan(closure.compensationRecovered)}）</dd>
          <dt>已支付人数</dt>
          <dd>{closure.workersPaid} 人（涉及 {lead.workerCount} 人）</dd>
          <dt>结案说明</dt>
          <dd>{closure.note || '—'}</dd>
          <dt>受理日期</dt>
          <dd>{day(lead.receivedAt)}</dd>
          <dt>结案日期</dt>
          <dd>{day(closure.closedAt)}</dd>
          <dt>经办人</dt>
          <dd>{named(lead, closure.closedBy)}</dd>
        </dl>
      </section>
      <LeadFacts lead={lead} />
      <Signature unit={unit} on={day(closure.closedAt)} />
    </Document>
  );
}

function Signature({ unit, on }: { unit: string; on: string }) {
  return (
    <p className="signature">
      {unit}（盖章）
      <br />
      {on}
    </p>
  );
}
