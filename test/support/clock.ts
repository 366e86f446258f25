/**
 * Tests that need "now" (a lead received today, a payment made today, this week's report) must not
 * see the Asia/Shanghai date change while they run: the test's "today" and the hub's would differ,
 * and a day, week, month or year boundary would fall between them. Such a test file calls
 * `clearOfShanghaiMidnight()` in its `beforeAll`, before it computes any date: within the window
 * before a Shanghai midnight it waits until the new day has begun, so the whole file runs on one
 * calendar day. (Shanghai keeps UTC+8 all year.) Proved by running the suite with the clock at
 * 23:59 on a month's and a year's last day: docs/security.md, "Tests and the calendar".
 */
const SHANGHAI_OFFSET_MS = 8 * 60 * 60 * 1000;
const DAY_MS = 86_400_000;

/** Longer than any test file takes, even on a loaded machine. */
export const MIDNIGHT_WINDOW_MS = 5 * 60 * 1000;
/** For the `beforeAll` that waits: the window plus the hook's own work. */
export const CLEAR_OF_MIDNIGHT_TIMEOUT_MS = MIDNIGHT_WINDOW_MS + 2 * 60 * 1000;

export const msToShanghaiMidnight = (now = Date.now()) => DAY_MS - ((now + SHANGHAI_OFFSET_MS) % DAY_MS);

export async function clearOfShanghaiMidnight(windowMs = MIDNIGHT_WINDOW_MS): Promise<void> {
  const left = msToShanghaiMidnight();
  if (left < windowMs) await new Promise((resolve) => setTimeout(resolve, left + 1000));
}
