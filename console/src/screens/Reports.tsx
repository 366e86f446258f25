import { useState, type FormEvent } from 'react';
import { downloadReport, type Me } from '../api';

/** The Monday of this week (Asia/Shanghai), and this month, as defaults. */
function defaults() {
  const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date());
  const d = new Date(`${today}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() - ((d.getUTCDay() + 6) % 7));
  return { month: today.slice(0, 7), monday: d.toISOString().slice(0, 10), first: `${today.slice(0, 7)}-01`, today };
}

export function Reports({ me }: { me: Me }) {
  const start = defaults();
  const [region, setRegion] = useState(me.region);
  const [month, setMonth] = useState(start.month);
  const [weekStart, setWeekStart] = useState(start.monday);
  const [from, setFrom] = useState(start.first);
  const [to, setTo] = useState(start.today);
  const [message, setMessage] = useState<string>();
  const [failure, setFailure] = useState<string>();

  const download = async (file: string, params: Record<string, string>) => {
    try {
      const name = await downloadReport(file, { ...params, regionCode: region.trim() });
      setFailure(undefined);
      setMessage(`已下载 ${name}`);
    } catch (e) {
      setFailure(`下载失败：${(e as Error).message}`);
    }
  };
  const stop = (e: FormEvent) => e.preventDefault();

  return (
    <>
      <h1 tabIndex={-1}>报表下载</h1>
      <p role="status">{message}</p>
      {failure && <p role="alert" className="error">{failure}</p>}
      <div className="field">
        <label htmlFor="rp-region">填报单位地区代码</label>
        <input id="rp-region" inputMode="numeric" value={region} onChange={(e) => setRegion(e.target.value)} />
      </div>
      <form onSubmit={stop} className="action">
        <h2>附件1 欠薪事件线索汇总表（月报）</h2>
        <label htmlFor="rp-month">月份</label>
        <input id="rp-month" type="month" value={month} onChange={(e) => setMonth(e.target.value)} />
        <div className="buttons">
          <button type="button" onClick={() => void download('monthly-lead-summary.xlsx', { month })}>下载月报 Excel</button>
          <button type="button" className="secondary" onClick={() => void download('monthly-lead-summary.csv', { month })}>下载月报 CSV</button>
        </div>
      </form>
      <form onSubmit={stop} className="action">
        <h2>周报</h2>
        <label htmlFor="rp-week">周一日期</label>
        <input id="rp-week" type="date" value={weekStart} onChange={(e) => setWeekStart(e.target.value)} />
        <div className="buttons">
          <button type="button" onClick={() => void download('weekly-report.xlsx', { weekStart })}>下载周报 Excel</button>
          <button type="button" className="secondary" onClick={() => void download('weekly-report.csv', { weekStart })}>下载周报 CSV</button>
        </div>
      </form>
      <form onSubmit={stop} className="action">
        <h2>附件2 专项行动汇总表</h2>
        <div className="row">
          <div className="field">
            <label htmlFor="rp-from">起始日期</label>
            <input id="rp-from" type="date" value={from} onChange={(e) => setFrom(e.target.value)} />
          </div>
          <div className="field">
            <label htmlFor="rp-to">截止日期</label>
            <input id="rp-to" type="date" value={to} onChange={(e) => setTo(e.target.value)} />
          </div>
        </div>
        <div className="buttons">
          <button type="button" onClick={() => void download('campaign-summary.xlsx', { from, to })}>下载汇总表 Excel</button>
          <button type="button" className="secondary" onClick={() => void download('campaign-summary.csv', { from, to })}>下载汇总表 CSV</button>
        </div>
      </form>
    </>
  );
}
