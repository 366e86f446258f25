import { useState, type FormEvent } from 'react';
import { staffLabel, staffNames } from '../staff';
import {
  DepositToReliefFundDocument,
  GrantWageAdvanceDocument,
  ReassignUnionHandlerDocument,
  RecordAdvanceRecoveryDocument,
  RecordLegalAidDocument,
  RecordMediationDocument,
  UnionCaseworkDocument,
  UnionReliefFundsDocument,
  type MediationOutcome,
  type UnionCaseworkQuery,
  type UnionReliefFundsQuery,
} from '../../../client';
import { handlesLead, holdsLead, mayDo } from '../../../lib/vocabulary';
import { hub, type Me } from '../api';
import { Box, ChoiceField, ConfirmSubmit, WhenField, occurredAt, useSubmit, type Act } from '../form';
import { useLoad } from '../hooks';
import { MEDIATION_OUTCOME, day, whenEntered, yuan } from '../labels';
import { useRegionName } from '../regions';

type Lead = NonNullable<UnionCaseworkQuery['lead']>;
type UnionCase = NonNullable<Lead['union']>;
type Advance = UnionCase['advances'][number];
type Fund = NonNullable<UnionReliefFundsQuery['county']>;

/** The funds an advance on a lead in this region may come from: its county's, city's and province's. */
const fundRegions = (code: string) => [code, `${code.slice(0, 4)}00`, `${code.slice(0, 2)}0000`].filter((c, i, all) => all.indexOf(c) === i);

const typed = (s: string) => s.trim();

/**
 * The union's casework on one lead (调解, 法律援助, 垫付 and 追回, 首问负责人, 周转金): the case's
 * state, and a form for each act the signed-in staff member may do now. Which forms are offered
 * follows lib/vocabulary (the rules the union service decides with); the API still decides.
 */
export function UnionCasework({ leadId, me, act }: { leadId: string; me: Me; act: Act }) {
  const casework = useLoad(() => hub.request(UnionCaseworkDocument, { id: leadId }), [leadId]);
  const region = casework.data?.lead?.regionCode;
  const funds = useLoad(async () => {
    if (!region) return [];
    const r = await hub.request(UnionReliefFundsDocument, { county: region, city: `${region.slice(0, 4)}00`, province: `${region.slice(0, 2)}0000` });
    const found = [r.county, r.city, r.province].filter((f): f is Fund => !!f);
    return found.filter((f, i) => found.findIndex((g) => g.regionCode === f.regionCode) === i);
  }, [region]);
  const regionName = useRegionName();

  /** The page's act, with this panel shown anew before the page says it is done. */
  const here: Act = (done, run) =>
    act(done, async () => {
      const answer = await run();
      await Promise.all([casework.refresh(), funds.refresh()]);
      return answer;
    });

  const lead = casework.data?.lead;
  if (casework.error) return <p role="alert" className="error">{casework.error}</p>;
  if (!lead?.union) return null;
  const c = lead.union;
  const handling = mayDo(me.roles, 'handle');
  const supervising = mayDo(me.roles, 'supervise');
  const open = handlesLead(c);
  const owing = c.advances.filter((a) => a.outstanding !== '0.00');

  return (
    <section aria-labelledby="union-h" className="union-casework">
      <h3 id="union-h">工会案件</h3>
      <dl className="facts">
        <dt>首问负责人</dt>
        <dd>{c.handler === me.id ? `${me.name}（本人）` : staffLabel(staffNames(lead.timeline), c.handler)}</dd>
        <dt>调解</dt>
        <dd>
          {c.mediations.length === 0 ? '尚无调解记录' : (
            <ul>
              {c.mediations.map((m, i) => (
                <li key={i}>
                  {whenEntered(m.occurredAt, m.recordedAt)} {MEDIATION_OUTCOME[m.outcome]}：{m.summary}
                  {m.amountAgreed && m.agreedPayBy && `（约定 ${m.agreedPayBy} 前支付 ${yuan(m.amountAgreed)}）`}
                </li>
              ))}
            </ul>
          )}
          {c.brokenAgreement && <p className="warning">调解协议约定的支付期限已过，企业尚未履行：请督促支付，或提供法律援助、移送劳动保障监察。</p>}
        </dd>
        <dt>法律援助</dt>
        <dd>
          {c.legalAid.length === 0 ? '尚无法律援助记录' : (
            <ul>
              {c.legalAid.map((l, i) => (
                <li key={i}>
                  {l.providedOn} {l.provider}{l.note && `：${l.note}`}
                </li>
              ))}
            </ul>
          )}
        </dd>
        <dt>应急救助周转金</dt>
        <dd>
          {funds.data?.length ? (
            <ul>
              {funds.data.map((f) => (
                <li key={f.regionCode}>
                  {regionName(f.regionCode)}：余额 {yuan(f.balance)}（累计垫付 {yuan(f.advancedTotal)}，累计追回 {yuan(f.recoveredTotal)}）
                </li>
              ))}
            </ul>
          ) : funds.error ? <span className="error">{funds.error}</span> : '本线索所在地区尚未设立您可使用的周转金'}
        </dd>
      </dl>

      <h4>垫付工资</h4>
      {c.advances.length === 0 ? <p>尚无垫付。</p> : (
        <div className="table-wrap" tabIndex={0} role="region" aria-label="垫付工资表">
          <table className="states">
            <thead>
              <tr>
                <th scope="col">追偿协议编号</th>
                <th scope="col">垫付时间</th>
                <th scope="col">周转金</th>
                <th scope="col">人数</th>
                <th scope="col">垫付金额</th>
                <th scope="col">已追回</th>
                <th scope="col">尚未追回</th>
              </tr>
            </thead>
            <tbody>
              {c.advances.map((a) => (
                <tr key={a.id}>
                  <th scope="row">{a.recoveryAgreementNo}</th>
                  <td>{day(a.grantedAt)}</td>
                  <td>{regionName(a.fundRegionCode)}</td>
                  <td>{a.workerCount} 人</td>
                  <td className="money">{yuan(a.amount)}</td>
                  <td className="money">{yuan(a.recovered)}</td>
                  <td className="money">{yuan(a.outstanding)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}

      {handling && open && <MediationForm leadId={lead.id} act={here} />}
      {handling && holdsLead(c.transferState) && <LegalAidForm leadId={lead.id} act={here} />}
      {handling && open && <AdvanceForm leadId={lead.id} funds={funds.data ?? []} regionName={regionName} act={here} />}
      {handling && owing.map((a) => <RecoveryForm key={a.id} advance={a} act={here} />)}
      {supervising && open && <ReassignForm leadId={lead.id} handler={c.handler} act={here} />}
      {supervising && <DepositForm regions={fundRegions(lead.regionCode)} regionName={regionName} act={here} />}
    </section>
  );
}

function MediationForm({ leadId, act }: { leadId: string; act: Act }) {
  const [outcome, setOutcome] = useState<MediationOutcome | ''>('');
  const [summary, setSummary] = useState('');
  const [amount, setAmount] = useState('');
  const [payBy, setPayBy] = useState('');
  const [at, setAt] = useState('');
  const form = useSubmit(act, { outcome: 'um-outcome', summary: 'um-summary', amountAgreed: 'um-amount', agreedPayBy: 'um-payby', occurredAt: 'um-at' });
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!outcome) return;
    const input = { outcome, summary, ...(typed(amount) ? { amountAgreed: typed(amount) } : {}), ...(payBy ? { agreedPayBy: payBy } : {}), ...occurredAt(at) };
    const done =
      outcome === 'FAILED'
        ? '已记录调解：调解不成。下一步：可提供法律援助、垫付工资，或移送劳动保障监察。'
        : `已记录调解：${MEDIATION_OUTCOME[outcome]}，约定 ${payBy} 前支付 ${yuan(typed(amount))}。下一步：到期核实企业是否支付；逾期未付，本页会提示协议未履行。`;
    if (await form.submit(done, () => hub.request(RecordMediationDocument, { leadId, input }))) {
      setOutcome('');
      setSummary('');
      setAmount('');
      setPayBy('');
      setAt('');
    }
  };
  return (
    <Box title="记录调解">
      <form onSubmit={(e) => void submit(e)}>
        <div className="row">
          <ChoiceField form={form} field="outcome" label="调解结果" choices={MEDIATION_OUTCOME} value={outcome} onChange={setOutcome} />
          <div className="field">
            <label htmlFor="um-amount">约定支付金额（元）</label>
            <input {...form.control('amountAgreed')} inputMode="decimal" value={amount} onChange={(e) => setAmount(e.target.value)} aria-describedby={form.control('amountAgreed')['aria-describedby'] ?? 'um-terms-hint'} />
            {form.fieldError('amountAgreed')}
          </div>
          <div className="field">
            <label htmlFor="um-payby">约定支付期限</label>
            <input {...form.control('agreedPayBy')} type="date" value={payBy} onChange={(e) => setPayBy(e.target.value)} aria-describedby={form.control('agreedPayBy')['aria-describedby'] ?? 'um-terms-hint'} />
            {form.fieldError('agreedPayBy')}
          </div>
        </div>
        <p id="um-terms-hint" className="help">达成调解或部分达成调解时，填写约定金额和支付期限；调解不成时不填。</p>
        <label htmlFor="um-summary">调解情况</label>
        <textarea {...form.control('summary')} value={summary} onChange={(e) => setSummary(e.target.value)} required />
        {form.fieldError('summary')}
        <WhenField form={form} label="调解时间" value={at} onChange={setAt} />
        {form.refusal}
        <button type="submit">记录调解</button>
      </form>
    </Box>
  );
}

function LegalAidForm({ leadId, act }: { leadId: string; act: Act }) {
  const [provider, setProvider] = useState('');
  const [providedOn, setProvidedOn] = useState('');
  const [note, setNote] = useState('');
  const form = useSubmit(act, { provider: 'la-provider', providedOn: 'la-on', note: 'la-note' });
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const done = `已记录法律援助（${typed(provider)}），计入月报“调解或法律服务”。下一步：跟进劳动者维权进展，办结后结案。`;
    if (await form.submit(done, () => hub.request(RecordLegalAidDocument, { leadId, input: { provider, providedOn, ...(typed(note) ? { note } : {}) } }))) {
      setProvider('');
      setProvidedOn('');
      setNote('');
    }
  };
  return (
    <Box title="记录法律援助">
      <form onSubmit={(e) => void submit(e)}>
        <div className="row">
          <div className="field">
            <label htmlFor="la-provider">法律援助提供方</label>
            <input {...form.control('provider')} value={provider} onChange={(e) => setProvider(e.target.value)} required />
            {form.fieldError('provider')}
          </div>
          <div className="field">
            <label htmlFor="la-on">提供日期</label>
            <input {...form.control('providedOn')} type="date" value={providedOn} onChange={(e) => setProvidedOn(e.target.value)} required />
            {form.fieldError('providedOn')}
          </div>
        </div>
        <label htmlFor="la-note">援助情况说明</label>
        <textarea {...form.control('note')} value={note} onChange={(e) => setNote(e.target.value)} />
        {form.fieldError('note')}
        {form.refusal}
        <button type="submit">记录法律援助</button>
      </form>
    </Box>
  );
}

function AdvanceForm({ leadId, funds, regionName, act }: { leadId: string; funds: Fund[]; regionName: (code: string) => string; act: Act }) {
  const [fundRegionCode, setFund] = useState('');
  const [amount, setAmount] = useState('');
  const [workers, setWorkers] = useState('');
  const [agreement, setAgreement] = useState('');
  const [at, setAt] = useState('');
  const form = useSubmit(act, { fundRegionCode: 'ad-fund', amount: 'ad-amount', workerCount: 'ad-workers', recoveryAgreementNo: 'ad-agreement', occurredAt: 'ad-at' });
  const fund = funds.find((f) => f.regionCode === fundRegionCode);
  const grant = async () => {
    const input = { fundRegionCode, amount: typed(amount), workerCount: Number(workers), recoveryAgreementNo: agreement, ...occurredAt(at) };
    const done = `已从${regionName(fundRegionCode)}周转金垫付 ${yuan(typed(amount))}。下一步：按追偿协议向企业追偿，追回后在本页记录追回款。`;
    if (await form.submit(done, () => hub.request(GrantWageAdvanceDocument, { leadId, input }))) {
      setFund('');
      setAmount('');
      setWorkers('');
      setAgreement('');
      setAt('');
    }
  };
  return (
    <Box title="垫付工资（应急救助周转金）">
      {funds.length === 0 ? (
        <p>本线索所在地区尚未设立您可使用的周转金：请主管先向周转金存入资金。</p>
      ) : (
        <form onSubmit={(e) => e.preventDefault()}>
          <div className="row">
            <div className="field">
              <label htmlFor="ad-fund">周转金</label>
              <select {...form.control('fundRegionCode')} value={fundRegionCode} onChange={(e) => setFund(e.target.value)} required aria-describedby={form.control('fundRegionCode')['aria-describedby'] ?? 'ad-balance'}>
                <option value="" disabled>请选择</option>
                {funds.map((f) => (
                  <option key={f.regionCode} value={f.regionCode}>{regionName(f.regionCode)}</option>
                ))}
              </select>
              <p id="ad-balance" className="help">{fund ? `可用余额 ${yuan(fund.balance)}` : '选择后显示可用余额'}</p>
              {form.fieldError('fundRegionCode')}
            </div>
            <div className="field">
              <label htmlFor="ad-amount">垫付金额（元）</label>
              <input {...form.control('amount')} inputMode="decimal" value={amount} onChange={(e) => setAmount(e.target.value)} required />
              {form.fieldError('amount')}
            </div>
            <div className="field">
              <label htmlFor="ad-workers">垫付人数</label>
              <input {...form.control('workerCount')} inputMode="numeric" value={workers} onChange={(e) => setWorkers(e.target.value)} required />
              {form.fieldError('workerCount')}
            </div>
            <div className="field">
              <label htmlFor="ad-agreement">追偿委托协议编号</label>
              <input {...form.control('recoveryAgreementNo')} value={agreement} onChange={(e) => setAgreement(e.target.value)} required />
              {form.fieldError('recoveryAgreementNo')}
            </div>
            <WhenField form={form} label="垫付时间" value={at} onChange={setAt} />
          </div>
          {form.refusal}
          <ConfirmSubmit
            label="垫付"
            question={`从${fundRegionCode ? regionName(fundRegionCode) : ''}周转金为 ${workers.trim()} 名劳动者垫付 ${typed(amount)} 元（追偿协议 ${agreement.trim()}）？资金将从周转金划出。`}
            onConfirm={() => void grant()}
          />
        </form>
      )}
    </Box>
  );
}

function RecoveryForm({ advance: a, act }: { advance: Advance; act: Act }) {
  const [amount, setAmount] = useState('');
  const [at, setAt] = useState('');
  const id = `rc-amount-${a.id}`;
  const form = useSubmit(act, { amount: id, occurredAt: `rc-at-${a.id}` });
  const record = async () => {
    const done = `已记录追回 ${yuan(typed(amount))}（追偿协议 ${a.recoveryAgreementNo}），款项已回到周转金。下一步：继续追偿尚未追回的部分，见垫付工资表。`;
    if (await form.submit(done, () => hub.request(RecordAdvanceRecoveryDocument, { advanceId: a.id, amount: typed(amount), ...occurredAt(at) }))) {
      setAmount('');
      setAt('');
    }
  };
  return (
    <Box title={`追回垫付款（追偿协议 ${a.recoveryAgreementNo}，尚未追回 ${yuan(a.outstanding)}）`}>
      <form onSubmit={(e) => e.preventDefault()}>
        <label htmlFor={id}>追回金额（元）</label>
        <input {...form.control('amount')} inputMode="decimal" value={amount} onChange={(e) => setAmount(e.target.value)} required />
        {form.fieldError('amount')}
        <WhenField form={form} label="追回时间" value={at} onChange={setAt} />
        {form.refusal}
        <ConfirmSubmit
          label="记录追回"
          question={`记录从企业追回 ${typed(amount)} 元（追偿协议 ${a.recoveryAgreementNo}）？款项回到周转金。`}
          onConfirm={() => void record()}
        />
      </form>
    </Box>
  );
}

function ReassignForm({ leadId, handler: current, act }: { leadId: string; handler: string; act: Act }) {
  const [handler, setHandler] = useState('');
  const [note, setNote] = useState('');
  const form = useSubmit(act, { handler: 'rh-handler', note: 'rh-note' });
  const reassign = async () => {
    const done = `已更换首问负责人为 ${typed(handler)}：由其继续跟进此案。`;
    if (await form.submit(done, () => hub.request(ReassignUnionHandlerDocument, { leadId, handler, note }))) {
      setHandler('');
      setNote('');
    }
  };
  return (
    <Box title="更换首问负责人">
      <form onSubmit={(e) => e.preventDefault()}>
        <label htmlFor="rh-handler">新的首问负责人（工号）</label>
        <input {...form.control('handler')} value={handler} onChange={(e) => setHandler(e.target.value)} required />
        {form.fieldError('handler')}
        <label htmlFor="rh-note">更换原因</label>
        <textarea {...form.control('note')} value={note} onChange={(e) => setNote(e.target.value)} required />
        {form.fieldError('note')}
        {form.refusal}
        <ConfirmSubmit
          label="更换负责人"
          question={`将首问负责人由 ${current} 更换为 ${handler.trim()}？`}
          onConfirm={() => void reassign()}
        />
      </form>
    </Box>
  );
}

function DepositForm({ regions, regionName, act }: { regions: string[]; regionName: (code: string) => string; act: Act }) {
  const [regionCode, setRegion] = useState('');
  const [amount, setAmount] = useState('');
  const [note, setNote] = useState('');
  const form = useSubmit(act, { regionCode: 'dp-region', amount: 'dp-amount', note: 'dp-note' });
  const deposit = async () => {
    const done = `已向${regionName(regionCode)}应急救助周转金存入 ${yuan(typed(amount))}。下一步：办案人员可从该周转金垫付工资。`;
    if (await form.submit(done, () => hub.request(DepositToReliefFundDocument, { regionCode, amount: typed(amount), note }))) {
      setRegion('');
      setAmount('');
      setNote('');
    }
  };
  return (
    <Box title="向应急救助周转金存入资金">
      <form onSubmit={(e) => e.preventDefault()}>
        <div className="row">
          <div className="field">
            <label htmlFor="dp-region">存入周转金</label>
            <select {...form.control('regionCode')} value={regionCode} onChange={(e) => setRegion(e.target.value)} required>
              <option value="" disabled>请选择</option>
              {regions.map((r) => (
                <option key={r} value={r}>{regionName(r)}</option>
              ))}
            </select>
            {form.fieldError('regionCode')}
          </div>
          <div className="field">
            <label htmlFor="dp-amount">存入金额（元）</label>
            <input {...form.control('amount')} inputMode="decimal" value={amount} onChange={(e) => setAmount(e.target.value)} required />
            {form.fieldError('amount')}
          </div>
        </div>
        <label htmlFor="dp-note">资金来源说明</label>
        <textarea {...form.control('note')} value={note} onChange={(e) => setNote(e.target.value)} required />
        {form.fieldError('note')}
        {form.refusal}
        <ConfirmSubmit
          label="存入"
          question={`向${regionCode ? regionName(regionCode) : ''}周转金存入 ${typed(amount)} 元？存入后可用于垫付工资。`}
          onConfirm={() => void deposit()}
        />
      </form>
    </Box>
  );
}
