import { useState } from 'react';
import { ResumeFeedbackDeadlineDocument, ResumeInvestigationDocument, SuspendFeedbackDeadlineDocument, SuspendInvestigationDocument } from '../../../client';
import { hub } from '../api';
import { Box, ConfirmSubmit, WhenField, useSubmit, type Act } from '../form';

/** A calendar day from the API (YYYY-MM-DD) written as the console writes days elsewhere. */
const date = (d: string) => d.replace(/-/g, '/');

/** What a suspended deadline shows in place of its countdown. */
export function Suspended({ since, reason }: { since: string; reason: string | null | undefined }) {
  return <span className="badge soon">已中止（自 {date(since)} 起{reason ? `，原因：${reason}` : ''}）</span>;
}

/** Whose deadline, in the words a form and its confirmation use. */
interface Clock {
  /** Unique on the page: the forms' control ids start with it. */
  id: string;
  /** 调查期限, 反馈期限 */
  name: string;
  suspend: (input: { reason: string; suspendedOn?: string }) => Promise<unknown>;
  resume: (input: { resumedOn?: string }) => Promise<unknown>;
}

/**
 * 中止 or 恢复 a deadline (a SUPERVISOR of the agency whose deadline it is: the caller decides who
 * sees it, with lib/vocabulary maySuspendClock). Both confirm first; the reason is typed, never chosen.
 */
export function DeadlinePause({ clock, suspendedOn, act }: { clock: Clock; suspendedOn: string | null | undefined; act: Act }) {
  return suspendedOn ? <ResumeForm clock={clock} act={act} /> : <SuspendForm clock={clock} act={act} />;
}

function SuspendForm({ clock: c, act }: { clock: Clock; act: Act }) {
  const [reason, setReason] = useState('');
  const [on, setOn] = useState('');
  const form = useSubmit(act, { reason: `${c.id}-reason`, suspendedOn: `${c.id}-on` });
  const suspend = () => void form.submit(`已中止${c.name}。中止期间不计逾期；恢复后，期限按中止的工作日顺延。`, () => c.suspend({ reason, ...(on ? { suspendedOn: on } : {}) }));
  return (
    <Box title={`中止${c.name}（主管）`}>
      <form onSubmit={(e) => e.preventDefault()}>
        <label htmlFor={`${c.id}-reason`}>中止原因</label>
        <textarea {...form.control('reason')} value={reason} onChange={(e) => setReason(e.target.value)} required />
        {form.fieldError('reason')}
        <WhenField form={form} field="suspendedOn" type="date" label="中止日期" value={on} onChange={setOn} />
        {form.refusal}
        <ConfirmSubmit label={`中止${c.name}`} className="secondary" question={`确认中止${c.name}？中止期间不计逾期，恢复时期限按中止的工作日顺延。`} onConfirm={suspend} />
      </form>
    </Box>
  );
}

function ResumeForm({ clock: c, act }: { clock: Clock; act: Act }) {
  const [on, setOn] = useState('');
  const form = useSubmit(act, { resumedOn: `${c.id}-resumed` });
  const resume = () => void form.submit(`已恢复${c.name}，期限已按中止的工作日顺延。下一步：在新的期限内办理。`, () => c.resume(on ? { resumedOn: on } : {}));
  return (
    <Box title={`恢复${c.name}（主管）`}>
      <form onSubmit={(e) => e.preventDefault()}>
        <WhenField form={form} field="resumedOn" type="date" label="恢复日期" value={on} onChange={setOn} />
        {form.refusal}
        <ConfirmSubmit label={`恢复${c.name}`} className="secondary" question={`确认恢复${c.name}？期限将按中止的工作日顺延。`} onConfirm={resume} />
      </form>
    </Box>
  );
}

export const investigationClock = (leadId: string): Clock => ({
  id: 'ins-pause',
  name: '调查期限',
  suspend: (input) => hub.request(SuspendInvestigationDocument, { leadId, input }),
  resume: (input) => hub.request(ResumeInvestigationDocument, { leadId, input }),
});

export const feedbackClock = (transferId: string): Clock => ({
  id: `fb-pause-${transferId}`,
  name: '反馈期限',
  suspend: (input) => hub.request(SuspendFeedbackDeadlineDocument, { transferId, input }),
  resume: (input) => hub.request(ResumeFeedbackDeadlineDocument, { transferId, input }),
});
