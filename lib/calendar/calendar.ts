import { loadWorkingCalendar } from './working-days';
import { logger } from '../logger';

/** Chinese working days (holidays and 调休), loaded once per process: built-in years plus HUB_CALENDAR_DIR. */
export const calendar = loadWorkingCalendar({ warn: (message) => logger.warn({ calendar: true }, message) });
