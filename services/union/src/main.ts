import { runServiceAlone } from '../../../lib/run-service';
import { unionService } from './service';

runServiceAlone(unionService);
