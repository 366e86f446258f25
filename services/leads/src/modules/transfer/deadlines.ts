import { numberSetting } from '../../../../../lib/config';

export { calendar } from '../../../../../lib/calendar/calendar';

/** Default feedback deadline of a transfer, in working days (HUB_FEEDBACK_WORKING_DAYS). */
export const feedbackWorkingDays = () => numberSetting('HUB_FEEDBACK_WORKING_DAYS', 10);
