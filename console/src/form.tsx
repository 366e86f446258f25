import { useEffect, useRef, useState, type ReactNode } from 'react';
import { HubError } from '../../client';
import { problem } from './api';

/** What an act on a page answers: done (the page says so and shows the new states), or the error. */
export type Outcome = { ok: true } | { ok: false; error: unknown };
export type Act = (done: string, run: () => Promise<unknown>) => Promise<Outcome>;

/**
 * One form's submission: a refusal is shown at the form that caused it, each bad field marked
 * (`aria-invalid`, its message beside it) and focus moved to the first of them, or to the message
 * when the refusal names no field. `fields` maps the API's field names (as in
 * `extensions.invalidFields`, without `input.`) to the ids of this form's controls.
 */
export function useSubmit(act: Act, fields: Record<string, string> = {}) {
  const [failure, setFailure] = useState<string>();
  const [invalid, setInvalid] = useState<Record<string, string>>({});
  const [focus, setFocus] = useState(0);
  const message = useRef<HTMLParagraphElement>(null);

  useEffect(() => {
    if (!focus) return;
    const first = Object.keys(fields).find((k) => invalid[k]);
    (first ? document.getElementById(fields[first]) : message.current)?.focus();
    // Only after a refusal has been shown.
  }, [focus]);

  const submit = async (done: string, run: () => Promise<unknown>): Promise<boolean> => {
    const r = await act(done, run);
    if (r.ok) {
      setFailure(undefined);
      setInvalid({});
      return true;
    }
    const bad: Record<string, string> = {};
    if (r.error instanceof HubError) {
      for (const f of r.error.invalidFields) {
        const key = f.field.replace(/^input\./, '');
        if (fields[key] && !bad[key]) bad[key] = f.message;
      }
    }
    setInvalid(bad);
    // Every problem named at its field: no second copy above the form.
    const unplaced = !(r.error instanceof HubError) || r.error.invalidFields.some((f) => !fields[f.field.replace(/^input\./, '')]);
    setFailure(Object.keys(bad).length && !unplaced ? undefined : problem(r.error));
    setFocus((n) => n + 1);
    return false;
  };

  /** The attributes of the control for one API field. */
  const control = (key: string) => ({
    id: fields[key],
    'aria-invalid': invalid[key] ? true : undefined,
    'aria-describedby': invalid[key] ? `${fields[key]}-error` : undefined,
  });
  /** The message beside a bad field. */
  const fieldError = (key: string) => (invalid[key] ? <p id={`${fields[key]}-error`} className="field-error">{invalid[key]}</p> : null);
  /** A refusal that names no field, shown at the form. */
  const refusal = failure ? (
    <p role="alert" className="error" tabIndex={-1} ref={message}>
      {failure}
    </p>
  ) : null;
  return { submit, control, fieldError, refusal };
}

/**
 * A submit button for an act that is hard to undo (结案, 退回, 撤回, 标记重复, 移送公安): it asks
 * first, saying what will happen, and acts only on 确认. The form's own checks run before asking.
 */
export function ConfirmSubmit({ label, question, onConfirm, className }: { label: string; question: ReactNode; onConfirm: () => void; className?: string }) {
  const [asking, setAsking] = useState(false);
  const yes = useRef<HTMLButtonElement>(null);
  const opener = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    if (asking) yes.current?.focus();
  }, [asking]);
  if (!asking) {
    return (
      <button
        type="button"
        ref={opener}
        className={className}
        onClick={(e) => {
          const form = e.currentTarget.form;
          if (form && !form.reportValidity()) return;
          setAsking(true);
        }}
      >
        {label}
      </button>
    );
  }
  return (
    <div role="alertdialog" aria-modal="false" aria-label={`确认${label}`} className="confirm">
      <p>{question}</p>
      <div className="buttons">
        <button
          type="button"
          ref={yes}
          onClick={() => {
            setAsking(false);
            onConfirm();
          }}
        >
          确认{label}
        </button>
        <button type="button" className="secondary" onClick={() => setAsking(false)}>
          取消
        </button>
      </div>
    </div>
  );
}

/** A time typed in a datetime-local control is Beijing time, whatever the browser's zone. */
export const beijingInstant = (local: string) => new Date(`${local.length === 16 ? `${local}:00` : local}+08:00`).toISOString();

/** The act's `occurredAt` when one was typed: none means the act happened now. */
export const occurredAt = (local: string) => (local ? { occurredAt: beijingInstant(local) } : {});

/**
 * When an act entered after the fact happened (事后补录): a decision taken on Friday and typed in
 * on Monday is dated Friday. Empty means now; the API refuses a time in the future or before
 * what the act follows, at this control.
 */
export function WhenField({ form, field = 'occurredAt', label, value, onChange, type = 'datetime-local' }: {
  form: Pick<ReturnType<typeof useSubmit>, 'control' | 'fieldError'>;
  field?: string;
  label: string;
  value: string;
  onChange: (value: string) => void;
  type?: 'datetime-local' | 'date';
}) {
  const c = form.control(field);
  const hint = `${c.id}-hint`;
  return (
    <div className="field">
      <label htmlFor={c.id}>{label}</label>
      <input {...c} type={type} value={value} onChange={(e) => onChange(e.target.value)} aria-describedby={c['aria-describedby'] ?? hint} />
      <p id={hint} className="help">{type === 'date' ? '事后补录的，填写实际日期；不填即为今天' : '事后补录的，填写实际时间（北京时间）；不填即为现在'}</p>
      {form.fieldError(field)}
    </div>
  );
}

/** One act's form on a page, under the act's name (a group a screen reader announces by it). */
export function Box({ title, children }: { title: string; children: ReactNode }) {
  return (
    <fieldset className="action">
      <legend>{title}</legend>
      {children}
    </fieldset>
  );
}

/**
 * A labelled choice from a catalogue (code → Chinese label): nothing chosen until the person
 * chooses ("请选择"), marked and described at the control when the API refuses it, like the other
 * fields. `hint` is the id of a help text shown while the field is not refused.
 */
export function ChoiceField<C extends string>({ form, field, label, choices, value, onChange, hint }: {
  form: Pick<ReturnType<typeof useSubmit>, 'control' | 'fieldError'>;
  field: string;
  label: string;
  choices: Record<C, string>;
  value: C | '';
  onChange: (value: C) => void;
  hint?: string;
}) {
  const c = form.control(field);
  return (
    <div className="field">
      <label htmlFor={c.id}>{label}</label>
      <select {...c} value={value} onChange={(e) => onChange(e.target.value as C)} required aria-describedby={c['aria-describedby'] ?? hint}>
        <option value="" disabled>请选择</option>
        {(Object.entries(choices) as [C, string][]).map(([k, v]) => (
          <option key={k} value={k}>{v}</option>
        ))}
      </select>
      {form.fieldError(field)}
    </div>
  );
}
