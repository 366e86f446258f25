import type { Agency } from './enums';

/** 《劳动保障监察条例》: labour inspection accepts or refuses a referred complaint within 5 working days. */
export const ACCEPT_WITHIN_WORKING_DAYS = 5;

/** Working days an agency has to accept or return a lead sent to it, where a rule sets them. */
export const ACCEPTANCE_WORKING_DAYS: Partial<Record<Agency, number>> = { INSPECTION: ACCEPT_WITHIN_WORKING_DAYS };
