import { runServiceAlone } from '../../../lib/run-service';
import { inspectionService } from './service';

runServiceAlone(inspectionService);
