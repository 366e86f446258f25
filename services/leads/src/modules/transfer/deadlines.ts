import { loadWorkingCalendar } from '../../../../../lib/calendar/working-days';
import { numberSetting } from '../../../../../lib/config';
import { logger } from '../../../../../lib/logger';

/** Chinese working days (holidays and 调休), loaded once: built-in years plus HUB_CALENDAR_DIR. */
export const calendar = loadWorkingCalendar({ warn: (message) => logger.warn({ calendar: true }, message) });

/** Default feedback deadline of a transfer, in working days (HUB_FEEDBACK_WORKING_DAYS). */
export const feedbackWorkingDays = () => numberSetting('HUB_FEEDBACK_WORKING_DAYS', 10);
