import type { ServiceDefinition } from '../lib/service';
import type { ServiceName } from '../lib/config';
import { leadsService } from './leads/src/service';
import { unionService } from './union/src/service';
import { inspectionService } from './inspection/src/service';
import { litigationService } from './litigation/src/service';

/** Every subgraph, in the order the supergraph lists them. */
export const SERVICES: Record<ServiceName, ServiceDefinition<unknown>> = {
  leads: leadsService,
  union: unionService,
  inspection: inspectionService,
  litigation: litigationService,
};
