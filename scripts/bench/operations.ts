/**
 * The operations `npm run bench` measures, as a client would send them. Each iteration is one or
 * more GraphQL requests; a later request may use the data of the one before (acceptTransfer takes
 * the transfer transferLead made).
 */
import { signToken, type Principal } from '../../lib/auth';
import { WorkQueueDocument } from '../../client/generated';

export interface Step {
  /** Names the request in the results (an operation of two requests has two). */
  name: string;
  token: string;
  query: string;
  variables(previous: any): Record<string, unknown>;
}

export interface Operation {
  name: string;
  title: string;
  /** Requests per iteration. */
  requests: number;
  /** One iteration's requests, in order; undefined when the operation has run out of input. */
  iteration(): Step[] | undefined;
  /** Called with the data of each answered request (reportLead feeds the leads transferLead sends on). */
  answered?(step: string, data: any): void;
  /** Reads only: every token and variables an iteration can use (the direct target captures each). */
  variants?(): { step: Step; variables: Record<string, unknown> }[];
}

/** What the operations pick from, read once before the run so caches do not flatter. */
export interface Pools {
  /** Leads the union is involved in, picked at random from the whole table. */
  leadIds: string[];
  /** Province codes that have leads. */
  provinces: string[];
  /** County codes under 140000 to report new leads in. */
  intakeRegions: string[];
  /** The closure states the lead list filters by. */
  closureStates: string[];
}

export const LEAD_STATES = `
  agencies { agency transferState feedbackState closureState closure { reason } }
  union { handler transferState feedbackState closureState }
  inspection { transferState feedbackState closureState }
  support { transferState feedbackState closureState }
  court { transferState feedbackState closureState }`;

export const LEAD_PAGE = `query LeadPage($id: ID!) {
  lead(id: $id) {
    id referenceNo regionCode receivedAt channel industry amountOwed workerCount isMassCase projectName
    employer { name creditCode } generalContractor { name }
    complainants { name idNumber phone }
    ${LEAD_STATES}
    transfers { id from to kind status reason requestedAt feedbackDueAt feedback { final summary givenAt amountRecovered } }
    timeline { at agency actor kind summary }
  }
}`;

export const LEAD_LIST = `query LeadList($filter: LeadFilter, $first: Int) {
  leads(filter: $filter, first: $first) {
    totalCount
    pageInfo { hasNextPage endCursor }
    edges { node {
      id referenceNo regionCode receivedAt amountOwed workerCount isMassCase employer { name }
      ${LEAD_STATES}
    } }
  }
}`;

export const TRANSFER_INBOX = `query Inbox($first: Int) {
  transferInbox(first: $first) {
    totalCount
    edges { node {
      id kind from to status reason requestedAt feedbackDueAt
      lead { id referenceNo workerCount amountOwed employer { name } inspection { transferState closureState } }
    } }
  }
}`;

export const NOTIFICATIONS = `query Notifications($first: Int) {
  notifications(first: $first) { edges { cursor node { id kind leadId referenceNo text at read } } pageInfo { hasNextPage endCursor } }
  unreadNotificationCount
}`;

export const REPORT_LEAD = `mutation Report($input: ReportLeadInput!) {
  reportLead(input: $input) { id referenceNo isMassCase union { handler transferState closureState } }
}`;

export const TRANSFER_LEAD = `mutation Transfer($input: TransferLeadInput!) {
  transferLead(input: $input) { id status feedbackDueAt }
}`;

export const ACCEPT_TRANSFER = `mutation Accept($id: ID!) {
  acceptTransfer(id: $id) { id status }
}`;

const pick = <T>(xs: T[]): T => xs[Math.floor(Math.random() * xs.length)];

let staff = 0;
const token = (secret: string, p: Omit<Principal, 'id' | 'name'>) => signToken({ ...p, id: `bench-${p.agency.toLowerCase()}-${++staff}`, name: `基准测试${staff}` }, secret, '12h');

export const OPERATION_NAMES = ['leadPage', 'leadList', 'transferInbox', 'workQueue', 'notifications', 'reportLead', 'transferAccept'] as const;
export type OperationName = (typeof OPERATION_NAMES)[number];

/**
 * The operations over the given pools. `listSize` is the page size of the lead list (50; the
 * smoke test also runs 10 to show the SQL does not grow with it).
 */
export function operations(secret: string, pools: Pools, o: { listSize?: number } = {}): { ops: Record<OperationName, Operation>; fresh: string[] } {
  // A national union handler sees every lead the union is involved in, with personal data.
  const unionHandler = token(secret, { agency: 'UNION', region: '000000', roles: ['HANDLER'] });
  const inspectors = pools.provinces.map((region) => token(secret, { agency: 'INSPECTION', region, roles: ['HANDLER'] }));
  const intake = token(secret, { agency: 'UNION', region: '140000', roles: ['INTAKE', 'HANDLER'] });
  const shanxiInspector = token(secret, { agency: 'INSPECTION', region: '140000', roles: ['HANDLER'] });
  // Leads reportLead made (handled by the union, open, never sent on): what transferLead sends.
  const fresh: string[] = [];
  let reported = 0;
  const listSize = o.listSize ?? 50;
  const leadPage: Step = { name: 'lead', token: unionHandler, query: LEAD_PAGE, variables: () => ({ id: pick(pools.leadIds) }) };
  const listVariables = (regionCode: string, closureState: string) => ({ filter: { regionCode, closureState }, first: listSize });
  const leadList: Step = { name: 'leads', token: unionHandler, query: LEAD_LIST, variables: () => listVariables(pick(pools.provinces), pick(pools.closureStates)) };
  const inboxes: Step[] = inspectors.map((token) => ({ name: 'transferInbox', token, query: TRANSFER_INBOX, variables: () => ({ first: 50 }) }));
  // The console's home screen (待办), as it asks: a provincial inspection supervisor sees every part of it.
  const queues: Step[] = pools.provinces.map((region) => ({
    name: 'workQueue',
    token: token(secret, { agency: 'INSPECTION', region, roles: ['HANDLER', 'SUPERVISOR'] }),
    query: WorkQueueDocument,
    variables: () => ({ inspection: true, supervisor: true }),
  }));
  // The console's 通知 screen and header count, as a province's inspector reads them.
  const notices: Step[] = inspectors.map((token) => ({ name: 'notifications', token, query: NOTIFICATIONS, variables: () => ({ first: 20 }) }));

  const ops: Record<OperationName, Operation> = {
    leadPage: {
      name: 'leadPage',
      title: 'lead page (states, transfers, feedback, timeline)',
      requests: 1,
      iteration: () => [leadPage],
      variants: () => pools.leadIds.map((id) => ({ step: leadPage, variables: { id } })),
    },
    leadList: {
      name: 'leadList',
      title: `${listSize}-lead list by region and closure state`,
      requests: 1,
      iteration: () => [leadList],
      variants: () => pools.provinces.flatMap((regionCode) => pools.closureStates.map((closureState) => ({ step: leadList, variables: listVariables(regionCode, closureState) }))),
    },
    transferInbox: {
      name: 'transferInbox',
      title: "an inspection bureau's transfer inbox",
      requests: 1,
      iteration: () => [pick(inboxes)],
      variants: () => inboxes.map((step) => ({ step, variables: step.variables(undefined) })),
    },
    workQueue: {
      name: 'workQueue',
      title: "the work queue (待办) of a province's inspection supervisor",
      requests: 1,
      iteration: () => [pick(queues)],
      variants: () => queues.map((step) => ({ step, variables: step.variables(undefined) })),
    },
    notifications: {
      name: 'notifications',
      title: "a province inspector's notifications (20, newest first) and unread count",
      requests: 1,
      iteration: () => [pick(notices)],
      variants: () => notices.map((step) => ({ step, variables: step.variables(undefined) })),
    },
    reportLead: {
      name: 'reportLead',
      title: 'reportLead (intake)',
      requests: 1,
      iteration: () => {
        const n = ++reported;
        return [
          {
            name: 'reportLead',
            token: intake,
            query: REPORT_LEAD,
            variables: () => ({
              input: {
                channel: 'HOTLINE',
                regionCode: pick(pools.intakeRegions),
                employerName: `基准测试劳务有限公司${process.pid}-${n}`,
                industry: 'CONSTRUCTION',
                projectName: `基准测试项目${n}`,
                workerCount: 1 + (n % 60),
                amountOwed: `${1000 + (n % 900)}00.00`,
                wagePeriodStart: '2026-01-01',
                wagePeriodEnd: '2026-06-30',
                description: '基准测试：农民工反映被拖欠工资',
                complainants: [{ name: '王某', idNumber: '11010519491231002X', phone: '13812345678' }],
              },
            }),
          },
        ];
      },
      answered: (step, data) => {
        if (step === 'reportLead' && data?.reportLead?.id) fresh.push(data.reportLead.id);
      },
    },
    transferAccept: {
      name: 'transferAccept',
      title: 'transferLead, then acceptTransfer by the receiver',
      requests: 2,
      iteration: () => {
        const leadId = fresh.shift();
        if (!leadId) return undefined;
        return [
          { name: 'transferLead', token: intake, query: TRANSFER_LEAD, variables: () => ({ input: { leadId, to: 'INSPECTION', kind: 'REFERRAL', reason: '基准测试：请依法查处' } }) },
          { name: 'acceptTransfer', token: shanxiInspector, query: ACCEPT_TRANSFER, variables: (previous) => ({ id: previous?.transferLead?.id ?? 'missing' }) },
        ];
      },
    },
  };
  return { ops, fresh };
}
