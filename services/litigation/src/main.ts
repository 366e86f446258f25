import { runServiceAlone } from '../../../lib/run-service';
import { litigationService } from './service';

runServiceAlone(litigationService);
