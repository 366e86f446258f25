/**
 * Every refusal the hub can give, by its stable reason code (`extensions.reason`), with the
 * contract code it is answered with (`extensions.code`), when it happens, and its message in
 * English and Chinese. Messages are rendered from here only (lib/i18n/render.ts); docs/reasons.md
 * is generated from this table (`npm run docs:reasons`, a test checks it).
 *
 * Templates: `{name}` is a value from `extensions.params`; `{name:format}` renders it with a
 * format of lib/i18n/render.ts (agency, agencyName, role, roles, state, kind, route, outcome,
 * weekday, list, time). `{field}` is the field the refusal is about (its Chinese label in zh).
 * An English message about a field is the predicate after "field: " (as integrators have always
 * read it); the Chinese one is a whole sentence naming the field.
 */
import type { AnswerCode } from '../errors';

export interface ReasonEntry {
  code: AnswerCode;
  when: string;
  en: string;
  zh: string;
}

const r = <C extends AnswerCode, E extends string, Z extends string>(code: C, when: string, en: E, zh: Z) => ({ code, when, en, zh });

export const REASONS = {
  // Signing in (every service and the gateway verify the token)
  AUTH_REQUIRED: r('UNAUTHENTICATED', 'no Authorization header', 'Sign in first: send "Authorization: Bearer <token>" (npm run token prints one for local use).', '请先登录：请求须带 “Authorization: Bearer <令牌>”（本地可用 npm run token 获取）。'),
  AUTH_HEADER_MALFORMED: r('UNAUTHENTICATED', 'the Authorization header is not "Bearer <token>"', 'The Authorization header must be "Bearer <token>".', 'Authorization 请求头须为 “Bearer <令牌>”。'),
  TOKEN_EXPIRED: r('UNAUTHENTICATED', 'the token has expired', 'Your token has expired: get a new one.', '令牌已过期，请重新获取。'),
  TOKEN_INVALID: r('UNAUTHENTICATED', 'the token is not signed for this hub or cannot be read', 'The token is not valid for this hub.', '令牌对本平台无效。'),
  TOKEN_NO_EXPIRY: r('UNAUTHENTICATED', 'the token has no exp claim', 'The token has no expiry (exp): the hub accepts only tokens that expire.', '令牌没有过期时间（exp）：本平台只接受会过期的令牌。'),
  TOKEN_IAT_NOT_NUMBER: r('UNAUTHENTICATED', 'the token\'s iat is not a number', "The token's issue time (iat) is not a number.", '令牌的签发时间（iat）不是数字。'),
  TOKEN_NBF_NOT_NUMBER: r('UNAUTHENTICATED', 'the token\'s nbf is not a number', "The token's start time (nbf) is not a number.", '令牌的生效时间（nbf）不是数字。'),
  TOKEN_ISSUED_IN_FUTURE: r('UNAUTHENTICATED', 'the token\'s iat is ahead of the hub\'s clock beyond the allowed skew', 'The token was issued in the future (iat): check the clock of whatever issued it.', '令牌的签发时间（iat）在未来：请检查签发方的时钟。'),
  TOKEN_NOT_YET_VALID: r('UNAUTHENTICATED', 'the token\'s nbf (or iat) is in the future', 'The token is not valid yet ({claim} is in the future): check the clock of whatever issued it.', '令牌尚未生效（{claim} 在未来）：请检查签发方的时钟。'),
  TOKEN_LIFETIME_TOO_LONG: r('UNAUTHENTICATED', 'the token lives longer than HUB_MAX_TOKEN_HOURS', 'The token lives longer than the hub allows ({hours} hours, HUB_MAX_TOKEN_HOURS): get one that expires sooner.', '令牌有效期超过本平台允许的 {hours} 小时（HUB_MAX_TOKEN_HOURS）：请获取有效期更短的令牌。'),
  TOKEN_CLAIM_MISSING: r('UNAUTHENTICATED', 'the token lacks a claim the hub needs (sub, name, agency, region, roles)', 'The token has no {what} claim "{claim}".', '令牌缺少{what:claim}声明 “{claim}”。'),
  TOKEN_NAME_INVALID: r('UNAUTHENTICATED', 'the token\'s staff name is empty or not text', 'The token\'s staff name ("{claim}") must be a non-empty string.', '令牌中的工作人员姓名（“{claim}”）须为非空文字。'),
  TOKEN_AGENCY_INVALID: r('UNAUTHENTICATED', 'the token\'s agency claim is not an agency', 'The token\'s agency ("{claim}") must be one of {agencies:list}.', '令牌中的单位（“{claim}”）须为以下之一：{agencies:list}。'),
  TOKEN_REGION_INVALID: r('UNAUTHENTICATED', 'the token\'s region claim is not a GB/T 2260 region code', 'The token\'s region ("{claim}"): {region} is not a GB/T 2260 region code (current or former).', '令牌中的地区（“{claim}”）{region} 不是 GB/T 2260 行政区划代码（现行或曾用）。'),
  TOKEN_ROLES_INVALID: r('UNAUTHENTICATED', 'the token\'s roles claim is not a list of roles', 'The token\'s roles ("{claim}") must be a list of {roles:list}.', '令牌中的角色（“{claim}”）须为以下角色组成的列表：{roles:list}。'),
  TOKEN_WRONG_ISSUER: r('UNAUTHENTICATED', 'an OpenID token from another issuer', "The token is from another issuer than this hub's ({issuer}).", '令牌并非由本平台的签发方（{issuer}）签发。'),
  TOKEN_WRONG_AUDIENCE: r('UNAUTHENTICATED', 'an OpenID token whose aud does not name the hub', 'The token is not meant for this hub: its audience (aud) must include "{audience}".', '令牌不是签发给本平台的：其受众（aud）须包含 “{audience}”。'),
  TOKEN_CLAIM_INVALID: r('UNAUTHENTICATED', 'an OpenID token with an invalid registered claim', 'The token has no valid "{claim}" claim.', '令牌的 “{claim}” 声明无效。'),
  TOKEN_ALGORITHM_NOT_ALLOWED: r('UNAUTHENTICATED', 'a token signed with an algorithm the hub does not accept', 'The token is signed with an algorithm the hub does not accept: only {algorithms:list}.', '令牌的签名算法不被本平台接受：只接受 {algorithms:list}。'),
  TOKEN_KEY_UNKNOWN: r('UNAUTHENTICATED', 'a token signed with a key the issuer does not publish', 'The token is signed with a key the issuer does not publish.', '令牌的签名密钥不在签发方公布的密钥中。'),
  SIGN_IN_SERVICE_UNREACHABLE: r('UNAUTHENTICATED', 'the OpenID provider cannot be reached to verify a token', 'The hub cannot reach the sign-in service to check the token right now; try again shortly.', '本平台暂时无法连接登录服务来验证令牌，请稍后重试。'),
  GATEWAY_ONLY: r('FORBIDDEN', 'a subgraph is called directly, not through the gateway', 'This service answers only the hub gateway; send your request to the gateway.', '本服务只接受平台网关的请求，请将请求发送至网关。'),

  // Values of any field
  FIELD_REQUIRED: r('BAD_USER_INPUT', 'a required value is empty', 'is required', '{field}为必填项'),
  TEXT_TOO_LONG: r('BAD_USER_INPUT', 'a text is longer than its limit (counted in characters)', 'is longer than {max} characters', '{field}不能超过{max}个字符'),
  VALUE_NOT_ALLOWED: r('BAD_USER_INPUT', 'a value is not one of the allowed codes', 'must be one of {allowed:list}', '{field}须为以下之一：{allowed:list}'),
  VALUE_GIVEN_TWICE: r('BAD_USER_INPUT', 'a query parameter is given more than once', 'must be given once', '{field}只能给出一次'),
  NUMBER_AT_LEAST: r('BAD_USER_INPUT', 'a count is below its minimum', 'must be at least {min}', '{field}至少为{min}'),
  NUMBER_AT_MOST: r('BAD_USER_INPUT', 'a count is above its maximum', 'must be at most {max}', '{field}最多为{max}'),
  NUMBER_BETWEEN: r('BAD_USER_INPUT', 'a number is outside its range', 'must be between {min} and {max}', '{field}须在{min}到{max}之间'),
  WHOLE_NUMBER_FROM_ZERO: r('BAD_USER_INPUT', 'a count is not a whole number from 0', 'must be a whole number from 0', '{field}须为不小于0的整数'),
  CURSOR_INVALID: r('BAD_USER_INPUT', 'a page cursor was not given out by this list', 'is not a cursor this list gave out', '{field}不是本列表给出的分页位置'),
  MONEY_NEGATIVE: r('BAD_USER_INPUT', 'an amount is negative', 'must not be negative', '{field}不能为负数'),
  MONEY_TOO_MANY_DECIMALS: r('BAD_USER_INPUT', 'an amount has more than two decimal places', 'has more than two decimal places; amounts are yuan with fen, e.g. "62436.50"', '{field}的小数超过两位；金额以元为单位、精确到分，例如 “62436.50”'),
  MONEY_FORMAT: r('BAD_USER_INPUT', 'an amount is not a decimal number of yuan', 'must be an amount of yuan such as "62436.50"', '{field}须为以元为单位的金额，例如 “62436.50”'),
  MONEY_TOO_LARGE: r('BAD_USER_INPUT', 'an amount is above 10 billion yuan', 'is larger than any amount the hub accepts (10,000,000,000.00)', '{field}超出平台可接受的最大金额（10,000,000,000.00元）'),
  MONEY_NOT_POSITIVE: r('BAD_USER_INPUT', 'an amount that must be positive is 0.00', 'must be more than 0.00', '{field}须大于0.00元'),
  MONEY_NOT_STRING: r('BAD_USER_INPUT', 'a Money value is sent as a JSON number or another type', 'Money must be a string such as "62436.50", not a number', '金额须以字符串给出，例如 “62436.50”，不能是数字'),
  DATE_NOT_STRING: r('BAD_USER_INPUT', 'a Date value is not a string', 'Date must be a string YYYY-MM-DD', '日期须为 YYYY-MM-DD 格式的字符串'),
  DATETIME_NOT_STRING: r('BAD_USER_INPUT', 'a DateTime value is not a string', 'DateTime must be an RFC 3339 string', '时间须为 RFC 3339 格式的字符串'),
  SCALAR_NOT_STRING_LITERAL: r('BAD_USER_INPUT', 'a Money, Date or DateTime literal in the query is not a string', '{scalar} must be given as a string', '{scalar}须以字符串给出'),
  DATE_FORMAT: r('BAD_USER_INPUT', 'a date is not YYYY-MM-DD', 'must be a date as YYYY-MM-DD', '{field}须为 YYYY-MM-DD 格式的日期'),
  DATE_NOT_IN_CALENDAR: r('BAD_USER_INPUT', 'a date does not exist (30 February)', 'is not a calendar date', '{field}不是日历上存在的日期'),
  DATE_OUT_OF_RANGE: r('BAD_USER_INPUT', 'a date is before 1949 or after 2200', 'is out of range', '{field}超出可接受的日期范围'),
  TIME_FORMAT: r('BAD_USER_INPUT', 'an instant is not RFC 3339 with a time zone', 'must be an RFC 3339 time with a time zone', '{field}须为带时区的 RFC 3339 时间，例如 2026-11-23T09:30:00+08:00'),
  TIME_FORMAT_EXAMPLE: r('BAD_USER_INPUT', 'an intake time is not RFC 3339 with a time zone', 'must be an RFC 3339 time with a time zone, e.g. 2026-11-23T09:30:00+08:00', '{field}须为带时区的 RFC 3339 时间，例如 2026-11-23T09:30:00+08:00'),
  IN_FUTURE: r('BAD_USER_INPUT', 'a day or time of something done lies in the future', 'is in the future', '{field}不能晚于当前时间'),
  MUST_BE_IN_FUTURE: r('BAD_USER_INPUT', 'a deadline is not in the future', 'must be in the future', '{field}须晚于当前时间'),
  DATE_BEFORE_SUPPORT_DECISION: r('BAD_USER_INPUT', 'a litigation date precedes the decision to support', 'is before the decision to support ({date})', '{field}早于决定支持起诉的日期（{date}）'),
  DATE_BEFORE_FILING: r('BAD_USER_INPUT', 'a litigation date precedes the court filing', 'is before the filing ({date})', '{field}早于立案日期（{date}）'),
  DATE_BEFORE_OUTCOME: r('BAD_USER_INPUT', 'an installment falls due before the outcome', 'is before the outcome ({date})', '{field}早于裁判或调解日期（{date}）'),
  DATE_BEFORE_COURT_OUTCOME: r('BAD_USER_INPUT', 'a payment precedes the court outcome', 'is before the court outcome ({date})', '{field}早于法院裁判或调解日期（{date}）'),
  DATE_BEFORE_LEAD_RECEIVED: r('BAD_USER_INPUT', 'an act is dated before the lead was received', 'is before the lead was received ({date})', '{field}早于线索受理日期（{date}）'),
  DATE_BEFORE_PAYMENT_ORDER: r('BAD_USER_INPUT', 'a payment is dated before the payment order it pays', 'is before the payment order was issued ({date})', '{field}早于限期支付指令的下达日期（{date}）'),
  DATE_BEFORE_HEARING: r('BAD_USER_INPUT', 'what came of a hearing is dated before the hearing', 'is before the hearing ({date})', '{field}早于开庭日期（{date}）'),
  DATE_BEFORE_ADVANCE: r('BAD_USER_INPUT', 'a recovery is dated before the advance it repays', 'is before the wage advance was granted ({date})', '{field}早于垫付工资的日期（{date}）'),
  DATE_BEFORE_EVIDENCE_REQUEST: r('BAD_USER_INPUT', 'evidence is recorded as received before the employer was asked for it', 'is before the employer was asked for it ({date})', '{field}早于要求用人单位提供的日期（{date}）'),
  DATE_RANGE_REVERSED: r('BAD_USER_INPUT', 'a period ends before it starts', 'must not be before from ({from})', '{field}不能早于起始日期（{from}）'),
  REGION_CODE_FORMAT: r('BAD_USER_INPUT', 'a region code is not 6 digits', 'must be a 6-digit administrative region code (GB/T 2260), e.g. 140400', '{field}须为6位行政区划代码（GB/T 2260），例如 140400'),
  REGION_PROVINCE_UNKNOWN: r('BAD_USER_INPUT', 'a region code starts with no province of GB/T 2260', '"{province}" is not a province code of GB/T 2260', '{field}中的 “{province}” 不是 GB/T 2260 的省级代码'),
  REGION_COUNTY_WITHOUT_CITY: r('BAD_USER_INPUT', 'a county code has 00 as its city digits', 'a county code needs its city digits (digits 3-4)', '{field}是县级代码，须包含地市位（第3-4位）'),
  REGION_UNKNOWN: r('BAD_USER_INPUT', 'a well-formed region code that GB/T 2260 never had', '{region} is not a GB/T 2260 region code (current or former)', '{field} {region} 不是 GB/T 2260 行政区划代码（现行或曾用）'),
  REGION_OUTSIDE_JURISDICTION: r('BAD_USER_INPUT', 'a region lies outside the caller\'s jurisdiction', '{region} is outside your jurisdiction ({jurisdiction})', '{field} {region} 超出您的管辖范围（{jurisdiction}）'),
  CREDIT_CODE_LENGTH: r('BAD_USER_INPUT', 'a unified social credit code is not 18 characters', 'must be 18 characters (统一社会信用代码)', '{field}须为18位'),
  CREDIT_CODE_CHARACTER: r('BAD_USER_INPUT', 'a credit code contains a character its alphabet lacks', 'contains "{char}", which is not used in credit codes (digits and upper-case letters except I, O, S, V, Z)', '{field}含有 “{char}”，统一社会信用代码只用数字和除 I、O、S、V、Z 以外的大写字母'),
  CREDIT_CODE_CHECK_CHARACTER: r('BAD_USER_INPUT', 'a credit code\'s check character is wrong (GB 32100-2015)', 'has a wrong check character: please check the code for a typo', '{field}校验码不正确，请检查是否输错'),
  ID_NUMBER_FORMAT: r('BAD_USER_INPUT', 'a citizen ID number is not 18 characters (or 15 digits)', 'must be an 18-character citizen ID number (the last may be X)', '{field}须为18位公民身份号码（最后一位可为 X）'),
  ID_NUMBER_CHECK_DIGIT: r('BAD_USER_INPUT', 'a citizen ID number\'s check digit is wrong (GB 11643-1999)', 'has a wrong check digit: please check the number for a typo', '{field}校验位不正确，请检查是否输错'),
  PHONE_FORMAT: r('BAD_USER_INPUT', 'a phone number has other characters than digits, +, spaces and dashes', 'must be a phone number of digits, optionally with +, spaces or dashes', '{field}须为电话号码：数字，可带 +、空格或短横线'),

  // Intake (受理)
  INTAKE_ROLE_REQUIRED: r('FORBIDDEN', 'reporting a lead without the INTAKE role', 'Reporting a lead needs the INTAKE role.', '登记线索需要受理角色。'),
  RECEIVED_BEFORE_2000: r('BAD_USER_INPUT', 'a lead is dated before 2000', 'is before 2000', '{field}不能早于2000年'),
  EMPLOYER_NAME_NO_LETTERS: r('BAD_USER_INPUT', 'an employer name is only punctuation', 'must contain letters or characters, not only punctuation', '{field}须包含文字，不能只有标点符号'),
  CONTRACTOR_NAME_REQUIRED: r('BAD_USER_INPUT', 'a general contractor credit code comes without the contractor\'s name', 'is required when a general contractor credit code is given', '填写了总承包单位统一社会信用代码时，{field}为必填项'),
  WAGE_PERIOD_REVERSED: r('BAD_USER_INPUT', 'the wage period ends before it starts', 'is before wagePeriodStart', '{field}早于欠薪起始日期'),
  WAGE_PERIOD_AFTER_RECEIPT: r('BAD_USER_INPUT', 'the wage period starts after the lead was received', 'is after the day the lead was received: wages cannot be owed for work not yet done', '{field}晚于线索受理之日：尚未发生的劳动不会产生欠薪'),
  COMPLAINANTS_TOO_MANY: r('BAD_USER_INPUT', 'a lead lists more complainants than the limit', 'may list at most {max} people; attach the rest as a document', '{field}最多列{max}人，其余请作为附件提交'),

  // Not found (existence is not revealed beyond what the caller may see)
  LEAD_NOT_FOUND: r('NOT_FOUND', 'no lead with this id is visible to the caller', 'Lead was not found', '未找到该线索'),
  ORIGINAL_LEAD_NOT_FOUND: r('NOT_FOUND', 'the lead named as the original is not visible', 'The original lead (ofLeadId) was not found', '未找到原线索（ofLeadId）'),
  EMPLOYER_NOT_FOUND: r('NOT_FOUND', 'a lead\'s employer record is missing', 'Employer of lead {leadId} was not found', '未找到线索 {leadId} 的用人单位'),
  TRANSFER_NOT_FOUND: r('NOT_FOUND', 'no transfer with this id is visible to the caller', 'Transfer was not found', '未找到该移送'),
  AGENCY_CASE_NOT_FOUND: r('NOT_FOUND', 'the agency has no case on this lead visible to the caller', "{agency}'s case on this lead was not found", '未找到{agency:agency}在该线索上的案件'),
  MASS_CASE_ALERT_NOT_FOUND: r('NOT_FOUND', 'the lead has no mass-case alert', 'Mass-case alert for this lead was not found', '未找到该线索的群体性欠薪预警'),
  WAGE_ADVANCE_NOT_FOUND: r('NOT_FOUND', 'no wage advance with this id', 'Wage advance was not found', '未找到该垫付记录'),
  HEARING_NOT_FOUND: r('NOT_FOUND', 'no hearing with this id', 'Hearing was not found', '未找到该庭审'),
  INSTALLMENT_NOT_FOUND: r('NOT_FOUND', 'no installment with this id', 'Installment was not found', '未找到该分期'),
  PAYMENT_ORDER_NOT_FOUND: r('NOT_FOUND', 'no payment order with this id', 'Payment order was not found', '未找到该限期支付指令'),

  // Closing and reopening an agency's case (结案)
  CLOSE_OTHER_AGENCY: r('FORBIDDEN', 'closing another agency\'s case', "Only {agency} staff may close {agency}'s case.", '只有{agency:agency}的工作人员可以对{agency:agency}的案件结案。'),
  REOPEN_OTHER_AGENCY: r('FORBIDDEN', 'reopening another agency\'s case', "Only {agency} staff may reopen {agency}'s case.", '只有{agency:agency}的工作人员可以重新启动{agency:agency}的案件。'),
  CLOSE_ROLE_REQUIRED: r('FORBIDDEN', 'closing without the HANDLER or SUPERVISOR role', 'To close a case needs the HANDLER or SUPERVISOR role.', '结案需要办案或主管角色。'),
  REOPEN_ROLE_REQUIRED: r('FORBIDDEN', 'reopening without the HANDLER or SUPERVISOR role', 'To reopen a case needs the HANDLER or SUPERVISOR role.', '重新启动案件需要办案或主管角色。'),
  CASE_AWAITING_ACCEPTANCE: r('INVALID_TRANSITION', 'acting on a case the agency has not accepted or returned yet', 'The lead is waiting for your agency to accept or return it; do that first.', '该线索正等待本单位接收或退回，请先处理。'),
  CASE_RETURNED: r('INVALID_TRANSITION', 'acting on a case the agency returned', 'Your agency returned this lead: its case is read-only.', '本单位已退回该线索，案件只读。'),
  CASE_ALREADY_CLOSED: r('INVALID_TRANSITION', 'closing a closed case', 'This case is already closed.', '该案件已办结。'),
  FINAL_FEEDBACK_REQUIRED_BEFORE_CLOSE: r('INVALID_TRANSITION', 'closing while final feedback on an accepted transfer is owed', 'Your agency owes final feedback on a transfer it accepted: give the final feedback before closing the case.', '本单位接收的移送尚未作最终反馈：请先作最终反馈再结案。'),
  CASE_NOT_CLOSED: r('INVALID_TRANSITION', 'reopening an open case', 'This case is open.', '该案件正在办理中。'),
  REOPEN_AFTER_WITHDRAWAL: r('INVALID_TRANSITION', 'reopening a case whose transfer was withdrawn', 'The transfer that gave your agency this case was withdrawn; the sender can transfer the lead again.', '交给本单位该案件的移送已被撤回；移送单位可以重新移送。'),
  REOPEN_NOTE_REQUIRED: r('BAD_USER_INPUT', 'reopening without saying why', 'is required: say why the case is reopened', '{field}为必填项：请说明重新启动案件的原因'),

  // Transfers (移送)
  TRANSFER_ROLE_REQUIRED: r('FORBIDDEN', 'acting on a transfer without the HANDLER or SUPERVISOR role', 'Acting on a transfer needs the HANDLER or SUPERVISOR role.', '处理移送需要办案或主管角色。'),
  TRANSFER_ACCEPT_RECEIVER_ONLY: r('FORBIDDEN', 'accepting a transfer sent to another agency', 'Only {agency}, the receiving agency, may accept this transfer.', '只有接收单位{agency:agency}可以接收该移送。'),
  TRANSFER_RETURN_RECEIVER_ONLY: r('FORBIDDEN', 'returning a transfer sent to another agency', 'Only {agency}, the receiving agency, may return this transfer.', '只有接收单位{agency:agency}可以退回该移送。'),
  TRANSFER_FEEDBACK_RECEIVER_ONLY: r('FORBIDDEN', 'giving feedback on a transfer sent to another agency', 'Only {agency}, the receiving agency, may give feedback on this transfer.', '只有接收单位{agency:agency}可以就该移送作反馈。'),
  TRANSFER_CANCEL_SENDER_ONLY: r('FORBIDDEN', 'withdrawing a transfer another agency sent', 'Only {agency}, the sending agency, may cancel this transfer.', '只有移送单位{agency:agency}可以撤回该移送。'),
  TRANSFER_ACCEPT_NOT_REQUESTED: r('INVALID_TRANSITION', 'accepting a transfer that is not REQUESTED', 'This transfer is {status}; only a REQUESTED transfer can be accepted.', '该移送{status:state}；只有待接收的移送可以接收。'),
  TRANSFER_RETURN_NOT_REQUESTED: r('INVALID_TRANSITION', 'returning a transfer that is not REQUESTED', 'This transfer is {status}; only a REQUESTED transfer can be returned.', '该移送{status:state}；只有待接收的移送可以退回。'),
  TRANSFER_CANCEL_NOT_REQUESTED: r('INVALID_TRANSITION', 'withdrawing a transfer after it was accepted, returned or withdrawn', 'This transfer is {status}; a transfer can be cancelled only before it is accepted.', '该移送{status:state}；移送只能在接收之前撤回。'),
  FEEDBACK_BEFORE_ACCEPT: r('INVALID_TRANSITION', 'giving feedback on a transfer not yet accepted', 'Accept the transfer before giving feedback on it.', '请先接收移送，再作反馈。'),
  FEEDBACK_NOT_ACCEPTED: r('INVALID_TRANSITION', 'giving feedback on a transfer that is no longer ACCEPTED', 'This transfer is {status}; feedback is given only while it is ACCEPTED.', '该移送{status:state}；只有已接收的移送可以作反馈。'),
  NEW_TRANSFER_ROLE_REQUIRED: r('FORBIDDEN', 'transferring without the HANDLER or SUPERVISOR role', 'Transferring a lead needs the HANDLER or SUPERVISOR role.', '移送线索需要办案或主管角色。'),
  SENDER_HAS_NO_CASE: r('INVALID_TRANSITION', 'transferring a lead the agency has no case on', '{agency} has no case on this lead, so it cannot transfer it.', '{agency:agency}在该线索上没有案件，不能移送。'),
  SENDER_CASE_CLOSED: r('INVALID_TRANSITION', 'transferring a lead the agency has closed', '{agency} has closed its case on this lead; reopen it before transferring the lead.', '{agency:agency}已对该线索结案；请先重新启动案件再移送。'),
  SENDER_NOT_HANDLING: r('INVALID_TRANSITION', 'transferring a lead the agency does not hold (pending, returned)', "{agency}'s case on this lead is {state}; only an agency handling the lead (its own intake or an accepted transfer) can transfer it.", '{agency:agency}在该线索上的案件{state:state}；只有正在办理该线索的单位（自行受理或已接收移送）可以移送。'),
  TRANSFER_TO_SELF: r('BAD_USER_INPUT', 'transferring a lead to one\'s own agency', 'must be another agency than yours', '{field}须为本单位以外的单位'),
  TRANSFER_ROUTE_NOT_ALLOWED: r('BAD_USER_INPUT', 'a transfer kind that cannot go between these agencies', '{kind} is {kind:route}; it cannot go from {from} to {to}', '{kind:kind}是{kind:route}，不能从{from:agency}发往{to:agency}'),
  TRANSFER_ALREADY_OPEN: r('CONFLICT', 'a second open transfer between the same two agencies', 'This lead already has an open transfer from {from} to {to}.', '该线索已有一个从{from:agency}到{to:agency}的移送在办。'),

  // Duplicates, mass cases, audit trail, reports, lists
  PERSONAL_DATA_ACCESS_SUPERVISORS_ONLY: r('FORBIDDEN', 'reading who saw personal data without being a SUPERVISOR', 'Only a SUPERVISOR reads who saw complainants\' ID numbers and phones.', '只有主管可以查看谁查看过投诉人的身份证号码和联系电话。'),
  DUPLICATE_ROLE_REQUIRED: r('FORBIDDEN', 'marking a duplicate without the HANDLER or SUPERVISOR role', 'Marking a duplicate needs the HANDLER or SUPERVISOR role.', '标记重复线索需要办案或主管角色。'),
  DUPLICATE_OF_ITSELF: r('BAD_USER_INPUT', 'marking a lead a duplicate of itself', 'is the lead itself', '{field}就是该线索本身'),
  DUPLICATE_ALREADY_MARKED: r('INVALID_TRANSITION', 'marking a lead that is already a duplicate', '{referenceNo} is already marked as a duplicate.', '{referenceNo} 已被标记为重复线索。'),
  DUPLICATE_OF_DUPLICATE: r('BAD_USER_INPUT', 'the original named is itself a duplicate', '{referenceNo} is itself a duplicate: point at the lead it duplicates', '{field} {referenceNo} 本身是重复线索：请指向它所重复的那条线索'),
  DUPLICATE_NOT_HANDLING: r('INVALID_TRANSITION', 'marking a duplicate without handling the lead with an open case', 'Only an agency handling {referenceNo}, with its case open, may mark it as a duplicate.', '只有正在办理 {referenceNo} 且案件未办结的单位可以将其标记为重复线索。'),
  DUPLICATE_HAS_OPEN_TRANSFERS: r('INVALID_TRANSITION', 'marking a duplicate while its transfers are open', '{referenceNo} has open transfers: settle them (cancel, return or complete) before marking it as a duplicate.', '{referenceNo} 仍有在办的移送：请先处理完毕（撤回、退回或办结）再标记为重复线索。'),
  MASS_ALERT_SUPERVISOR_REQUIRED: r('FORBIDDEN', 'acknowledging a mass-case alert without the SUPERVISOR role', 'Acknowledging a mass-case alert needs the SUPERVISOR role.', '确认群体性欠薪预警需要主管角色。'),
  MASS_ALERT_ALREADY_ACKNOWLEDGED: r('INVALID_TRANSITION', 'acknowledging a mass-case alert twice', 'This alert was already acknowledged by {by}.', '该预警已由 {by} 确认。'),
  AUDIT_SUPERVISORS_ONLY: r('FORBIDDEN', 'reading the audit trail without the SUPERVISOR role', 'The audit trail is for SUPERVISORs.', '审计记录仅供主管查看。'),
  AUDIT_OWN_AGENCY_ONLY: r('FORBIDDEN', 'reading another agency\'s audit trail', "This audit trail is for {agency}'s SUPERVISORs; yours is on your own agency's case.", '该审计记录仅供{agency:agency}的主管查看；您可查看本单位案件的审计记录。'),
  AGENCY_NOT_INVOLVED: r('INVALID_TRANSITION', 'a message about an agency that is not (yet) involved in the lead', '{agency} is not involved in this lead.', '{agency:agency}未参与该线索。'),
  DEAD_LETTERS_SUPERVISORS_ONLY: r('FORBIDDEN', 'reading or retrying refused messages without the SUPERVISOR role', 'Refused messages between services are for SUPERVISORs.', '服务间被拒收的消息仅供主管查看和处理。'),
  DEAD_LETTER_NOT_FOUND: r('NOT_FOUND', 'no refused message with this id', 'Refused message was not found', '未找到该被拒收的消息'),
  DEAD_LETTER_ALREADY_RESOLVED: r('INVALID_TRANSITION', 'retrying a refused message that was already applied', 'This message was already applied at {at:time}.', '该消息已于 {at:time} 处理完毕。'),
  REPORT_MONTH_FORMAT: r('BAD_USER_INPUT', 'a report month is not YYYY-MM', 'must be a month as YYYY-MM, e.g. 2026-10', '{field}须为 YYYY-MM 格式的月份，例如 2026-10'),
  REPORT_WEEK_NOT_MONDAY: r('BAD_USER_INPUT', 'a weekly report starts on another day than Monday', 'must be a Monday (weeks run Monday to Sunday); {date} is a {weekday}, its week starts on {monday}', '{field}须为星期一（每周从星期一到星期日）；{date} 是{weekday:weekday}，该周从 {monday} 开始'),
  REPORT_REGION_OUTSIDE_JURISDICTION: r('FORBIDDEN', 'a report on a region outside the caller\'s jurisdiction', '{region} is outside your jurisdiction; you may report on {jurisdiction} and the regions below it', '{field} {region} 超出您的管辖范围；您可统计 {jurisdiction} 及其下级地区'),
  SUPPORT_CASES_AGENCY_ONLY: r('FORBIDDEN', 'listing supported lawsuits as a union or labour inspection', "supportCases lists the lawsuits procuratorates support and courts hear; other agencies see a lead's support case on Lead.support.", 'supportCases 列出检察院支持起诉、法院审理的案件；其他单位请在线索的 Lead.support 中查看支持起诉情况。'),
  INSPECTION_QUEUE_AGENCY_ONLY: r('FORBIDDEN', 'reading the inspection work queue from another agency', 'The inspection work queue is for labour inspection staff.', '劳动保障监察待办事项仅供劳动保障监察工作人员查看。'),
  OVERDUE_ACCEPTANCE_SUPERVISORS_ONLY: r('FORBIDDEN', 'reading the overdue-acceptance list without being an inspection supervisor', 'The overdue-acceptance list is for labour inspection supervisors.', '逾期未接收清单仅供劳动保障监察主管查看。'),

  // Union: relief fund (应急救助周转金), casework, mediation
  FUND_UNION_ONLY: r('FORBIDDEN', 'another agency touching a relief fund', "Relief funds and wage advances are the union's.", '应急救助周转金和垫付由工会办理。'),
  ROLE_REQUIRED: r('FORBIDDEN', 'an act that needs one of some roles', 'This needs the {roles:roles} role.', '此操作需要{roles:roles}角色。'),
  FUND_OUTSIDE_JURISDICTION: r('FORBIDDEN', 'depositing into a fund outside the caller\'s jurisdiction', 'The fund of {region} is outside your jurisdiction ({jurisdiction}).', '{region} 的周转金超出您的管辖范围（{jurisdiction}）。'),
  DEPOSIT_NOTE_REQUIRED: r('BAD_USER_INPUT', 'a deposit without saying where the money comes from', 'is required: say where the money comes from', '{field}为必填项：请说明资金来源'),
  ADVANCE_CASE_CLOSED: r('INVALID_TRANSITION', 'advancing wages on a closed union case', "The union's case on this lead is closed; reopen it before advancing wages.", '工会在该线索上的案件已办结；垫付前请先重新启动案件。'),
  ADVANCE_CASE_NOT_HANDLING: r('INVALID_TRANSITION', 'advancing wages on a lead the union has not accepted', "The union's case is {state}: accept the lead before advancing wages on it.", '工会的案件{state:state}：请先接收线索再垫付。'),
  ADVANCE_WORKERS_EXCEED_LEAD: r('BAD_USER_INPUT', 'an advance for more workers than the lead names', 'is more than the {workers} worker(s) on the lead', '{field}超过线索上的{workers}人'),
  RECOVERY_AGREEMENT_REQUIRED: r('BAD_USER_INPUT', 'an advance without a recovery agreement', 'is required: advances are made only under a recovery agreement (追偿委托协议)', '{field}为必填项：垫付须以追偿委托协议为前提'),
  FUND_NOT_SET_UP: r('BAD_USER_INPUT', 'advancing from a region that has no relief fund', 'no relief fund has been set up for {region}; a supervisor deposits into it first', '{region} 尚未设立应急救助周转金；请主管先存入资金'),
  FUND_INSUFFICIENT: r('BAD_USER_INPUT', 'an advance larger than the fund\'s balance', 'is more than the {balance} yuan left in the relief fund of {region}', '{field}超过 {region} 周转金余额 {balance} 元'),
  ADVANCE_EXCEEDS_OWED: r('BAD_USER_INPUT', 'advances on a lead would exceed the amount owed', 'would bring advances on this lead to {total} yuan, more than the {owed} yuan owed (already advanced: {advanced})', '{field}将使该线索的垫付累计达到 {total} 元，超过欠薪金额 {owed} 元（已垫付 {advanced} 元）'),
  RECOVERY_EXCEEDS_OUTSTANDING: r('BAD_USER_INPUT', 'a recovery larger than what the advance still has outstanding', 'is more than the {outstanding} yuan still outstanding on this advance', '{field}超过该笔垫付尚未追回的 {outstanding} 元'),
  REASSIGN_SUPERVISOR_REQUIRED: r('FORBIDDEN', 'reassigning the first-contact handler without being a union supervisor', 'Reassigning the first-contact handler needs a union SUPERVISOR.', '变更首问责任人需要工会主管。'),
  UNION_CASE_CLOSED: r('INVALID_TRANSITION', 'union casework on a closed case', "The union's case on this lead is closed; reopen it first.", '工会在该线索上的案件已办结；请先重新启动案件。'),
  UNION_CASE_NOT_HANDLING: r('INVALID_TRANSITION', 'union casework on a lead the union has not accepted', "The union's case is {state}: accept the lead first.", '工会的案件{state:state}：请先接收线索。'),
  HANDLER_REQUIRED: r('BAD_USER_INPUT', 'reassigning without naming the new handler', 'is required: the staff id of the new handler', '{field}为必填项：请填写新责任人的工作人员编号'),
  HANDLER_UNCHANGED: r('BAD_USER_INPUT', 'reassigning to the current handler', 'is already the handler', '{field}已是当前责任人'),
  REASSIGN_NOTE_REQUIRED: r('BAD_USER_INPUT', 'reassigning without saying why', 'is required: say why the case changes hands', '{field}为必填项：请说明变更责任人的原因'),
  LEGAL_AID_STAFF_REQUIRED: r('FORBIDDEN', 'recording legal aid without being union HANDLER or SUPERVISOR', 'Recording legal aid needs a union HANDLER or SUPERVISOR.', '登记法律援助需要工会办案或主管角色。'),
  LEGAL_AID_PROVIDER_REQUIRED: r('BAD_USER_INPUT', 'legal aid without its provider', 'is required: the lawyer or legal service', '{field}为必填项：请填写律师或法律服务机构'),
  MEDIATION_STAFF_REQUIRED: r('FORBIDDEN', 'recording a mediation without being union HANDLER or SUPERVISOR', 'Recording a mediation needs a union HANDLER or SUPERVISOR.', '登记调解需要工会办案或主管角色。'),
  SETTLEMENT_TERM_REQUIRED: r('BAD_USER_INPUT', 'a settled or partial mediation without its amount or pay-by date', 'is required when the outcome is {outcome}', '调解结果为{outcome:outcome}时，{field}为必填项'),
  FAILED_MEDIATION_HAS_NO_TERMS: r('BAD_USER_INPUT', 'a failed mediation with settlement terms', 'goes with a settlement; a FAILED mediation has none', '{field}只用于达成的调解；调解不成时不应填写'),

  // Inspection (劳动保障监察)
  INSPECTION_STAFF_REQUIRED: r('FORBIDDEN', 'inspection casework without being inspection HANDLER or SUPERVISOR', 'This needs a labour inspection HANDLER or SUPERVISOR.', '此操作需要劳动保障监察办案或主管角色。'),
  INSPECTION_CASE_CLOSED: r('INVALID_TRANSITION', 'inspection casework on a closed case', 'The inspection case is closed; reopen it first.', '劳动保障监察案件已办结；请先重新启动案件。'),
  INSPECTION_CASE_NOT_HANDLING: r('INVALID_TRANSITION', 'inspection casework on a lead inspection has not accepted', 'The inspection case is {state}: accept the lead first.', '劳动保障监察案件{state:state}：请先接收线索。'),
  FIRST_CONTACT_ALREADY_RECORDED: r('INVALID_TRANSITION', 'recording the first contact twice', 'The first contact was already recorded at {at}.', '首日对接已于 {at:time} 登记。'),
  PAY_BY_IN_PAST: r('BAD_USER_INPUT', 'a payment order whose deadline has passed', 'is in the past: a payment order gives the employer a deadline from today', '{field}已过：限期支付指令须给用人单位一个从今天起算的期限'),
  PAY_BY_BEFORE_ISSUE: r('BAD_USER_INPUT', 'a payment order whose deadline is before the day it was issued', 'is before the day the order was issued ({date})', '{field}早于限期支付指令的下达日期（{date}）'),
  ORDER_PAYMENT_EXCEEDS_UNPAID: r('BAD_USER_INPUT', 'a payment larger than what the order has unpaid', 'is more than the {outstanding} yuan still unpaid on this order', '{field}超过该指令尚未支付的 {outstanding} 元'),
  CALLBACK_REQUIRED_BEFORE_CLOSE: r('INVALID_TRANSITION', 'closing a referred inspection case before calling the complainant back (回头看)', 'This lead was referred to inspection: call the complainant back (recordCallback) before closing the case.', '该线索是移送给劳动保障监察的：结案前请先回访投诉人（回头看）。'),
  POLICE_ALREADY_REFERRED: r('INVALID_TRANSITION', 'referring a case to the police twice', 'This case was already referred to the police at {at}.', '该案件已于 {at:time} 移送公安机关。'),
  POLICE_NEEDS_OVERDUE_ORDER: r('INVALID_TRANSITION', 'referring to the police before a payment order lapsed unpaid', 'Refer to the police only after a payment order has passed its pay-by date unpaid (责令限期支付 first).', '须在限期支付指令逾期未付后才能移送公安机关（先责令限期支付）。'),
  POLICE_DECISION_TOO_OLD: r('BAD_USER_INPUT', 'a police referral decided more than 24 hours ago', 'was more than 24 hours ago: a referral must be sent within 24 hours of the decision; decide again and send it at once', '{field}已超过24小时：移送须在决定后24小时内发出；请重新决定并立即发送'),
  BLACKLIST_ALREADY_PROPOSED: r('INVALID_TRANSITION', 'proposing an employer already on the blacklist', 'The employer is already proposed for the blacklist until {until}.', '该用人单位已被提请列入失信名单，至 {until}。'),
  EXTENSION_SUPERVISOR_REQUIRED: r('FORBIDDEN', 'extending an investigation without being an inspection supervisor', 'Extending an investigation needs a labour inspection SUPERVISOR.', '延长调查期限需要劳动保障监察主管。'),
  EXTENSION_CASE_CLOSED: r('INVALID_TRANSITION', 'extending the investigation of a closed case', 'The inspection case is closed.', '劳动保障监察案件已办结。'),
  NO_INVESTIGATION_OPEN: r('INVALID_TRANSITION', 'extending when no investigation is open', 'No investigation is open on this case: accept the lead first.', '该案件尚未立案调查：请先接收线索。'),
  INVESTIGATION_ALREADY_EXTENDED: r('INVALID_TRANSITION', 'extending an investigation a second time', 'The investigation was already extended once; it can be extended only once (by 30 working days).', '调查期限已延长过一次；只能延长一次（30个工作日）。'),

  // Inspection: the evidence checklist (《保障农民工工资支付条例》第五十条)
  EVIDENCE_ALREADY_REQUESTED: r('INVALID_TRANSITION', 'asking again for a document the employer has not yet answered for', 'The employer was already asked for this on {on}: record whether it came (recordEvidenceReceived or recordEvidenceNotProvided).', '已于 {on} 要求用人单位提供该材料：请先登记是否收到（已收到或未提供）。'),
  EVIDENCE_ALREADY_RECEIVED: r('INVALID_TRANSITION', 'recording a document that was already received', 'This was already received on {on}.', '该材料已于 {on} 收到。'),
  EVIDENCE_NOT_REQUESTED: r('INVALID_TRANSITION', 'recording whether a document came before asking the employer for it', 'The employer has not been asked for this yet: record the request first (requestEvidence).', '尚未要求用人单位提供该材料：请先登记要求提供的日期。'),
  EVIDENCE_ALREADY_NOT_PROVIDED: r('INVALID_TRANSITION', 'recording a document as not provided twice', 'This was already recorded as not provided; ask again (requestEvidence) or record it received when it comes.', '该材料已登记为未提供；可再次要求提供，收到后登记已收到。'),
  LEDGER_ALREADY_RECEIVED: r('INVALID_TRANSITION', 'recording a reason to close without the payroll ledger when it was received', 'The payroll ledger was received on {on}: no reason to close without it is needed.', '工资台账已于 {on} 收到，无需登记无工资台账结案的理由。'),
  PAYROLL_LEDGER_REQUIRED_BEFORE_CLOSE: r('INVALID_TRANSITION', 'closing an inspection case as paid in full, or after a payment order, without the payroll ledger or a recorded reason', 'closing as paid in full or after a payment order needs the employer\'s payroll ledger (Art. 50): record it as received in the evidence checklist (recordEvidenceReceived), or record why the case closes without it (recordCloseWithoutLedgerReason)', '以“已全额支付”结案或已下达责令限期支付的，须有用人单位的工资台账（《保障农民工工资支付条例》第五十条）：请在证据清单中登记已收到工资台账，或登记无工资台账结案的理由'),

  // Litigation: support to sue (支持起诉) and the lawsuit
  SUPPORT_DECISION_STAFF_REQUIRED: r('FORBIDDEN', 'deciding on support without being procuratorate HANDLER or SUPERVISOR', 'Deciding on support to sue needs a procuratorate HANDLER or SUPERVISOR.', '决定是否支持起诉需要检察院办案或主管角色。'),
  LETTER_STAFF_REQUIRED: r('FORBIDDEN', 'recording the letter of support without being procuratorate HANDLER or SUPERVISOR', 'The letter of support is recorded by a procuratorate HANDLER or SUPERVISOR.', '支持起诉书由检察院办案或主管角色登记。'),
  LITIGATION_CASE_CLOSED: r('INVALID_TRANSITION', 'litigation casework on a closed case', "{agency:agencyName}'s case on this lead is closed; reopen it first.", '{agency:agency}在该线索上的案件已办结；请先重新启动案件。'),
  LITIGATION_CASE_NOT_ACCEPTED: r('INVALID_TRANSITION', 'litigation casework before accepting the transfer', '{agency:agencyName} has not accepted this lead yet: accept the transfer first.', '{agency:agency}尚未接收该线索：请先接收移送。'),
  LITIGATION_CASE_READ_ONLY: r('INVALID_TRANSITION', 'litigation casework on a returned case', "{agency:agencyName}'s case on this lead is {state}: it is read-only.", '{agency:agency}在该线索上的案件{state:state}：案件只读。'),
  SUPPORT_ALREADY_GRANTED: r('INVALID_TRANSITION', 'deciding on support again after granting it', 'Support was already granted at {at}.', '已于 {at:time} 决定支持起诉。'),
  SUPPORT_ALREADY_DECLINED: r('INVALID_TRANSITION', 'deciding on support again after declining it', 'Support was already declined at {at}.', '已于 {at:time} 决定不予支持起诉。'),
  LETTER_NEEDS_SUPPORT: r('INVALID_TRANSITION', 'recording the letter of support before deciding to support', 'Decide to support the lawsuit (decideSupport) before recording the letter of support.', '请先决定支持起诉（decideSupport），再登记支持起诉书。'),
  LETTER_ALREADY_RECORDED: r('INVALID_TRANSITION', 'recording the letter of support twice', 'The letter of support {letterNo} is already recorded.', '支持起诉书 {letterNo} 已登记。'),
  COURT_EVENT_AGENCY_ONLY: r('FORBIDDEN', 'recording court events as a union or labour inspection', 'Court events are recorded by the court or by the procuratorate supporting the lawsuit.', '庭审等诉讼事项由法院或支持起诉的检察院登记。'),
  COURT_EVENT_ROLE_REQUIRED: r('FORBIDDEN', 'recording court events without the HANDLER or SUPERVISOR role', 'Recording court events needs the HANDLER or SUPERVISOR role.', '登记诉讼事项需要办案或主管角色。'),
  COURT_NOT_ON_LEAD: r('FORBIDDEN', 'a court records events on a lead never filed with it', 'The court is not on this lead: the procuratorate sends it with a COURT_FILING transfer.', '法院不在该线索上：须由检察院以起诉立案移送给法院。'),
  SUPPORT_DECLINED: r('INVALID_TRANSITION', 'court events on a lawsuit the procuratorate declined to support', 'The procuratorate declined to support this lawsuit.', '检察院已决定不予支持该起诉。'),
  SUPPORT_NOT_DECIDED: r('INVALID_TRANSITION', 'court events before the procuratorate decided to support', 'The procuratorate has not decided to support this lawsuit yet (decideSupport).', '检察院尚未决定支持该起诉（decideSupport）。'),
  FILING_ALREADY_RECORDED: r('INVALID_TRANSITION', 'recording the court filing twice', 'The court filing is already recorded (filed on {filedOn}).', '立案已登记（立案日期 {filedOn}）。'),
  HEARING_NEEDS_FILING: r('INVALID_TRANSITION', 'scheduling a hearing before the filing', 'Record the court filing (recordCourtFiling) before scheduling a hearing.', '请先登记立案（recordCourtFiling），再安排庭审。'),
  HEARING_AFTER_OUTCOME: r('INVALID_TRANSITION', 'scheduling a hearing after the outcome', 'The lawsuit already has an outcome; no more hearings can be scheduled.', '该诉讼已有结果，不能再安排庭审。'),
  HEARING_RESULT_ALREADY_RECORDED: r('INVALID_TRANSITION', 'recording a hearing\'s result twice', 'The result of this hearing is already recorded.', '该庭审结果已登记。'),
  HEARING_NOT_HELD_YET: r('INVALID_TRANSITION', 'recording the result of a hearing still to come', 'The hearing is on {date}; record its result once it has been held.', '庭审日期为 {date}；请在开庭后登记结果。'),
  OUTCOME_NEEDS_FILING: r('INVALID_TRANSITION', 'recording the outcome before the filing', 'Record the court filing (recordCourtFiling) before the outcome.', '请先登记立案（recordCourtFiling），再登记结果。'),
  OUTCOME_ALREADY_RECORDED: r('INVALID_TRANSITION', 'recording the outcome twice', 'The outcome ({kind}, {decidedOn}) is already recorded.', '诉讼结果（{kind:outcome}，{decidedOn}）已登记。'),
  OUTCOME_TOTAL_NOT_POSITIVE: r('BAD_USER_INPUT', 'a mediated or judged outcome of 0.00', 'must be more than 0.00 for a {kind} outcome', '{kind:outcome}结果的{field}须大于0.00元'),
  INSTALLMENTS_TOO_MANY: r('BAD_USER_INPUT', 'more installments than the limit', 'has more than {max} installments', '{field}超过{max}期'),
  INSTALLMENTS_SUM_MISMATCH: r('BAD_USER_INPUT', 'installments that do not add up to the total', 'add up to {sum} yuan, not the total of {total} yuan', '{field}合计 {sum} 元，与总金额 {total} 元不符'),
  LIABLE_EMPLOYER_REQUIRED: r('BAD_USER_INPUT', 'an outcome naming nobody liable to pay', 'must name at least one employer liable to pay', '{field}须至少列出一家负有支付责任的用人单位'),
  LIABLE_EMPLOYER_TWICE: r('BAD_USER_INPUT', 'the same employer named twice as liable', 'names the same employer twice', '{field}与前面重复，同一用人单位列了两次'),
  SETTLEMENT_PAID_IN_FULL: r('INVALID_TRANSITION', 'a payment when every installment is paid', 'Every installment is already paid in full.', '所有分期均已付清。'),
  PAYMENT_EXCEEDS_OUTSTANDING: r('BAD_USER_INPUT', 'a payment larger than what the settlement has outstanding', 'is more than the {outstanding} yuan still outstanding on this settlement', '{field}超过该诉讼结果尚未支付的 {outstanding} 元'),
  ENFORCEMENT_NEEDS_OUTCOME: r('INVALID_TRANSITION', 'applying for enforcement before an outcome', 'There is no court outcome to enforce yet.', '尚无可申请执行的法院裁判或调解。'),
  ENFORCEMENT_ALREADY_APPLIED: r('INVALID_TRANSITION', 'applying for enforcement twice', 'Enforcement was already applied for at {at}.', '已于 {at:time} 申请强制执行。'),
  ENFORCEMENT_NOTHING_OVERDUE: r('INVALID_TRANSITION', 'applying for enforcement while no installment is overdue', 'No installment is overdue: enforcement is applied for when installments are missed.', '没有逾期未付的分期：分期逾期未付时才申请强制执行。'),
  SUPPORT_CLOSE_UNPAID: r('INVALID_TRANSITION', 'closing a support case as paid while the outcome is not paid', '{unpaid} yuan of the court outcome is still unpaid: record the payments, or close with another reason (e.g. PARTIALLY_PAID).', '法院裁判或调解尚有 {unpaid} 元未付：请登记付款，或以其他原因结案（例如部分支付）。'),

  // GraphQL's own refusals (graphql-js and Apollo word them; `detail` is their English text)
  QUERY_SYNTAX_ERROR: r('GRAPHQL_PARSE_FAILED', 'the query is not valid GraphQL syntax', '{detail}', '查询语法有误：{detail}'),
  QUERY_INVALID: r('GRAPHQL_VALIDATION_FAILED', 'the query asks for what the schema does not have', '{detail}', '查询不符合接口定义：{detail}'),
  INPUT_INVALID: r('BAD_USER_INPUT', 'variables that do not fit their GraphQL types (a required field missing, a wrong enum value)', '{detail}', '输入不符合接口定义：{detail}'),
  PERSISTED_QUERY_UNKNOWN: r('PERSISTED_QUERY_NOT_FOUND', 'a persisted query hash the hub does not know', '{detail}', '未找到该持久化查询，请连同完整查询一起发送：{detail}'),
  PERSISTED_QUERY_UNSUPPORTED: r('PERSISTED_QUERY_NOT_SUPPORTED', 'persisted queries where they are not supported', '{detail}', '此处不支持持久化查询：{detail}'),
  OPERATION_UNRESOLVED: r('OPERATION_RESOLUTION_FAILURE', 'a document whose operation to run cannot be told (several, none named)', '{detail}', '无法确定要执行的操作：{detail}'),
  REQUEST_INVALID: r('BAD_REQUEST', 'an HTTP request that is not a GraphQL request', '{detail}', '请求格式有误：{detail}'),

  // The gateway's own refusals
  QUERY_TOO_DEEP: r('GRAPHQL_VALIDATION_FAILED', 'a query nested deeper than HUB_MAX_QUERY_DEPTH', 'The query is nested this many levels deep: {actual}; at most {max} is allowed ({setting}). Ask for less, or split it into several requests.', '查询嵌套层数为 {actual}，最多允许 {max}（{setting}）。请减少查询内容，或拆分为多个请求。'),
  QUERY_TOO_MANY_ALIASES: r('GRAPHQL_VALIDATION_FAILED', 'a query with more aliases than HUB_MAX_QUERY_ALIASES', 'The query uses this many aliases: {actual}; at most {max} is allowed ({setting}). Ask for less, or split it into several requests.', '查询使用了 {actual} 个别名，最多允许 {max}（{setting}）。请减少查询内容，或拆分为多个请求。'),
  QUERY_TOO_COSTLY: r('GRAPHQL_VALIDATION_FAILED', 'a query that would resolve more fields than HUB_MAX_QUERY_COST', 'The query would resolve this many fields: {actual}; at most {max} is allowed ({setting}). Ask for less, or split it into several requests.', '查询将解析 {actual} 个字段，最多允许 {max}（{setting}）。请减少查询内容，或拆分为多个请求。'),
  SERVICE_UNAVAILABLE: r('INTERNAL_SERVER_ERROR', 'a service does not answer', 'The {service} service is not answering right now; try again shortly.', '{service:service}服务暂时没有响应，请稍后重试。'),
  INTERNAL_ERROR: r('INTERNAL_SERVER_ERROR', 'an unexpected error (logged with the request id)', 'Internal server error: it has been logged; please try again or report the request id.', '服务器内部错误：已记录日志；请重试，或报告请求编号（request id）。'),
  REPORT_NOT_FOUND: r('NOT_FOUND', 'a report download that does not exist (gateway)', 'No such report.', '没有该报表。'),
  REPORT_UNKNOWN: r('NOT_FOUND', 'a report download that does not exist (leads service)', 'No such report: the downloads are {reports:list}', '没有该报表：可下载的报表有 {reports:list}'),
  DOWNLOADS_BUSY: r('BUSY', 'too many report downloads run at once', 'Too many report downloads at once; try again in a few seconds.', '同时下载报表的人数过多，请几秒钟后重试。'),
  BODY_TOO_LARGE: r('PAYLOAD_TOO_LARGE', 'a request body larger than HUB_MAX_BODY_BYTES', 'The request body is larger than {max} bytes (HUB_MAX_BODY_BYTES).', '请求内容超过 {max} 字节（HUB_MAX_BODY_BYTES）。'),
  OPERATION_NOT_ALLOWED: r('OPERATION_NOT_ALLOWED', 'an operation not in the manifest while HUB_OPERATIONS_ONLY=true', 'This hub runs only the operations in its manifest (HUB_OPERATIONS_ONLY); send the id of a listed operation.', '本平台只执行清单中的操作（HUB_OPERATIONS_ONLY）；请发送清单中某个操作的编号。'),
  BODY_NOT_JSON: r('BAD_REQUEST', 'a request body that is not JSON', 'The request body is not valid JSON.', '请求内容不是有效的 JSON。'),

  // Idempotency-Key (docs/security.md "Idempotent writes")
  IDEMPOTENCY_KEY_INVALID: r('BAD_REQUEST', 'an Idempotency-Key header that is not 1 to 255 printable ASCII characters', 'The Idempotency-Key header must be a string of 1 to 255 printable ASCII characters, e.g. "8e03978e-40d5-43e8-bc93-6894a57f9324".', 'Idempotency-Key 请求头须为 1 到 255 个可打印 ASCII 字符，例如 “8e03978e-40d5-43e8-bc93-6894a57f9324”。'),
  IDEMPOTENCY_KEY_REUSED: r('CONFLICT', 'an Idempotency-Key the caller already used for another operation or other variables', 'This Idempotency-Key was already used for a different request (another operation or other variables); send a new key for a new request.', '该 Idempotency-Key 已用于另一个请求（操作或参数不同）；新的请求请使用新的键。'),

  // Amounts the hub keeps, and what a closure or feedback says was recovered
  AMOUNT_TOO_LARGE: r('BAD_USER_INPUT', "a movement that would take a relief fund's balance or a total past 10 billion yuan", "would take the fund's {what} to {total} yuan, past the largest amount the hub keeps ({max})", '{field}将使周转金{what:fundTotal}达到 {total} 元，超过平台可保存的最大金额（{max} 元）'),
  WORKERS_PAID_EXCEED_LEAD: r('BAD_USER_INPUT', 'a closure or feedback paying more workers than the lead names', 'is more than the {workers} worker(s) on the lead', '{field}超过线索上的{workers}人'),
  WAGES_RECOVERED_EXCEED_OWED: r('BAD_USER_INPUT', 'a closure or feedback recovering more wages than the lead owes', 'has {wages} yuan of wages, more than the {owed} yuan owed; compensation (加付赔偿金) goes in compensationRecovered', '{field}中的工资 {wages} 元超过欠薪金额 {owed} 元；加付赔偿金请填在“加付赔偿金”中'),
  COMPENSATION_EXCEEDS_RECOVERED: r('BAD_USER_INPUT', 'compensation larger than the amount recovered that includes it', 'is more than the amount recovered, which includes it', '{field}超过追回金额（追回金额已包含加付赔偿金）'),
  COMPENSATION_EXCEEDS_OWED: r('BAD_USER_INPUT', 'compensation above 100 % of the wages owed (劳动保障监察条例 Article 26)', 'is more than the {owed} yuan owed: compensation is at most 100 % of the wages owed (劳动保障监察条例 Article 26)', '{field}超过欠薪金额 {owed} 元：加付赔偿金最多为应付工资的100%（《劳动保障监察条例》第二十六条）'),

  // Bulk import of leads (services/leads/src/modules/import, docs/import.md)
  IMPORT_ROLE_REQUIRED: r('FORBIDDEN', 'importing leads without the INTAKE role', 'Importing leads needs the INTAKE role.', '批量导入线索需要受理角色。'),
  IMPORT_NOT_FOUND: r('NOT_FOUND', 'no import or uploaded file with this id is the caller\'s', 'Import was not found', '未找到该导入'),
  IMPORT_ALREADY_STARTED: r('CONFLICT', 'starting an uploaded file a second time', 'This file is already being imported or was imported ({status}).', '该文件已开始导入或已导入（{status:importStatus}）。'),
  IMPORT_ALREADY_FINISHED: r('CONFLICT', 'cancelling an import that has ended', 'The import has already ended ({status}): nothing to cancel.', '该导入已结束（{status:importStatus}），无需取消。'),
  IMPORT_FILE_EMPTY: r('BAD_USER_INPUT', 'an uploaded file with no bytes', 'The file is empty.', '文件为空。'),
  IMPORT_FILE_TOO_LARGE: r('PAYLOAD_TOO_LARGE', 'an uploaded file larger than HUB_IMPORT_MAX_MB', 'The file is larger than {max} MB: split it into several files.', '文件超过 {max} MB，请拆分为多个文件。'),
  IMPORT_FORMAT_UNKNOWN: r('BAD_USER_INPUT', 'an uploaded file that is neither CSV nor XLSX', 'The file must be the import template as XLSX or CSV (UTF-8 or GB18030).', '文件须为 XLSX 或 CSV（UTF-8 或 GB18030 编码）格式的导入模板。'),
  IMPORT_FILE_UNREADABLE: r('BAD_USER_INPUT', 'an uploaded file that cannot be read as its format', 'The file cannot be read as {format}: save it again from the template.', '无法按 {format} 读取该文件，请按模板重新保存后再上传。'),
  IMPORT_TOO_MANY_ROWS: r('BAD_USER_INPUT', 'a file with more rows than one import takes', 'The file has more than {max} rows: split it into several files.', '文件超过 {max} 行，请拆分为多个文件。'),
  IMPORT_HEADER_MISSING: r('BAD_USER_INPUT', 'the first row lacks template columns', 'The first row must be the template\'s headers; missing: {columns:list}.', '第一行须为模板的表头，缺少：{columns:list}。'),
  IMPORT_HEADER_TWICE: r('BAD_USER_INPUT', 'a template column appears twice in the header', 'The column {column} appears twice.', '列“{column}”出现了两次。'),
  IMPORT_TIME_FORMAT: r('BAD_USER_INPUT', 'a reception time in a file is not a date or a date and time', 'must be a date or a date and time (Beijing time), e.g. 2026-11-23 or 2026-11-23 09:30', '{field}须为日期或日期加时间（北京时间），例如 2026-11-23 或 2026-11-23 09:30'),
  IMPORT_PERIOD_FORMAT: r('BAD_USER_INPUT', 'a wage period in a file is not two dates', 'must be two dates, e.g. 2026-01-01至2026-03-31', '欠薪起止日期须为两个日期，例如 2026-01-01至2026-03-31'),
  IMPORT_COMPLAINANTS_MISALIGNED: r('BAD_USER_INPUT', 'more ID numbers or phones than complainant names in a row', '{column} has {count} entries for {names} complainant name(s): separate complainants with "；" in the same order in each column', '{column}有 {count} 项，但投诉人姓名只有 {names} 个：多位投诉人请在各列中按相同顺序用“；”分隔'),
  IMPORT_ALREADY_PRESENT: r('CONFLICT', 'a row whose source reference was imported before', 'was imported before as lead {referenceNo}: not created again', '该线索来源编号已导入为线索 {referenceNo}，未重复创建'),
  IMPORT_ROW_REPEATED: r('CONFLICT', 'a row whose source reference an earlier row of the same file has', 'repeats an earlier row of this file (lead {referenceNo}): not created again', '与本文件前面的行线索来源编号相同（线索 {referenceNo}），未重复创建'),
  IMPORT_ROW_REPEATED_IN_BATCH: r('CONFLICT', 'a row whose source reference an earlier row of the same file has, not yet stored', 'repeats row {row} of this file: not created again', '与本文件第 {row} 行线索来源编号相同，未重复创建'),
  IMPORT_POSSIBLE_DUPLICATE: r('CONFLICT', 'an imported row naming the same employer, project and wage period as an open lead', 'was imported as lead {referenceNo}, a possible duplicate of {others:list}: check it on the lead, nothing was merged', '已导入为线索 {referenceNo}，可能与线索 {others:list} 重复：请在线索详情中核对，系统不会自动合并'),
  IMPORT_NOT_IMPORTED_ALL_OR_NOTHING: r('BAD_USER_INPUT', 'an all-or-nothing import with refused rows', '{refused} row(s) were refused, so nothing was imported (all or nothing): correct them and import the file again.', '有 {refused} 行被拒绝，按“全部成功才导入”未导入任何线索：请更正后重新导入。'),

  // One door, client mistakes, slow clients (docs/security.md)
  CASE_OF_OTHER_AGENCY: r('FORBIDDEN', "acting on another agency's case (answered before any lookup, so it tells nothing of what exists)", "Only {agency} staff may act on {agency}'s cases.", '只有{agency:agency}的工作人员可以办理{agency:agency}的案件。'),
  OPERATION_NAME_REQUIRED: r('BAD_USER_INPUT', 'a document with several operations and no operationName', 'The document has {count} operations ({names:list}): say which to run with operationName.', '文档包含 {count} 个操作（{names:list}）：请用 operationName 指明要执行哪一个。'),
  OPERATION_NAME_UNKNOWN: r('BAD_USER_INPUT', 'an operationName the document does not have', 'The document has no operation named "{name}"; it has {names:list}.', '文档中没有名为 “{name}” 的操作；它包含 {names:list}。'),
  OPERATION_TYPE_UNSUPPORTED: r('BAD_USER_INPUT', 'a subscription (the hub has none)', 'The hub has no {type}s: send a query or a mutation.', '本平台不支持 {type}：请发送查询（query）或变更（mutation）。'),
  PERSISTED_QUERY_MISMATCH: r('BAD_REQUEST', "an automatic persisted query whose hash is not its query's", 'The persisted-query hash does not match the query sent with it.', '持久化查询的哈希值与随附的查询不符。'),
  TOO_MANY_CONNECTIONS: r('BUSY', 'more open connections from one address than HUB_MAX_CONNECTIONS_PER_CLIENT', 'Too many connections from your address at once (HUB_MAX_CONNECTIONS_PER_CLIENT); close some and try again.', '来自您地址的连接过多（HUB_MAX_CONNECTIONS_PER_CLIENT）；请关闭部分连接后重试。'),
  DOWNLOADS_BUSY_FOR_YOU: r('BUSY', 'a staff member already runs HUB_MAX_DOWNLOADS_PER_STAFF downloads', 'You are already downloading {max} reports; wait for one to finish.', '您已在下载 {max} 份报表，请等其中一份完成后再试。'),
  HTTP_BAD_REQUEST: r('BAD_REQUEST', 'a request the server cannot read (a bad path, a malformed body)', 'The request is malformed.', '请求格式有误。'),
  BODY_TOO_LARGE_HERE: r('PAYLOAD_TOO_LARGE', 'a request body (an internal message, say) larger than the server reads', 'The request body is too large.', '请求内容过大。'),
  HTTP_NOT_FOUND: r('NOT_FOUND', 'an address the server has nothing at', 'There is nothing at this address.', '此地址下没有内容。'),
  HTTP_FORBIDDEN: r('FORBIDDEN', 'a path the server will not serve', 'This is not allowed.', '不允许此操作。'),
} as const satisfies Record<string, ReasonEntry>;

export type Reason = keyof typeof REASONS;
export const REASON_CODES = Object.keys(REASONS) as Reason[];

type Names<S extends string> = S extends `${string}{${infer P}}${infer Rest}` ? (P extends `${infer N}:${string}` ? N : P) | Names<Rest> : never;
/** A value a message shows: text, a number, or a list (agencies, roles). */
export type ParamValue = string | number | readonly string[];
/** The params a reason's messages need (its placeholders but `field`, which the refusal names). */
export type ReasonParams<R extends Reason> = { [K in Exclude<Names<(typeof REASONS)[R]['en'] | (typeof REASONS)[R]['zh']>, 'field'>]: ParamValue };
