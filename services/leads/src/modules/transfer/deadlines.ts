import { numberSetting } from '../../../../../lib/config';

import { calendar } from '../../../../../lib/calendar/calendar';
import { ACCEPTANCE_WORKING_DAYS } from '../../../../../lib/domain/deadlines';
import type { Agency } from '../../../../../lib/domain/enums';

export { calendar };

/** When the receiving agency must have accepted or returned a lead sent at `requestedAt`; null where no rule sets it. */
export function acceptBy(to: Agency, requestedAt: Date): Date | null {
  const days = ACCEPTANCE_WORKING_DAYS[to];
  return days == null ? null : calendar.dueAt(requestedAt, days);
}

/** Default feedback deadline of a transfer, in working days (HUB_FEEDBACK_WORKING_DAYS). */
export const feedbackWorkingDays = () => numberSetting('HUB_FEEDBACK_WORKING_DAYS', 10);
