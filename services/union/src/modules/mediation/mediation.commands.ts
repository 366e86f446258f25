/** Mediation with the employer (调解): its command and event. */
import type { Issued } from '../../../../../lib/command/handler';
import type { HubEvent } from '../../../../../lib/vocabulary/events';
import type { MediationRequest } from './mediation.rules';

export type MediationCommand = Issued & { type: 'recordMediation' } & MediationRequest;

export type MediationEvent = HubEvent<'MEDIATION_RECORDED'>;
