import { runServiceAlone } from '../../../lib/run-service';
import { leadsService } from './service';

runServiceAlone(leadsService);
