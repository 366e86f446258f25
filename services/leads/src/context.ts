import type { HubContext } from '../../../lib/context';
import type { LeadsLoaders } from './loaders';

export type LeadsContext = HubContext<LeadsLoaders>;
