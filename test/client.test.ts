import fs from 'node:fs';
import path from 'node:path';
import { CLIENT_FILE, generateClient } from '../scripts/codegen';

describe('the typed client (client/)', () => {
  test('client/generated.ts is what `npm run codegen` makes from schema/api.graphql and client/operations.graphql', async () => {
    const root = path.resolve(__dirname, '..');
    const written = fs.readFileSync(path.join(root, CLIENT_FILE), 'utf8');
    const fresh = await generateClient(root);
    if (written !== fresh) throw new Error('client/generated.ts is stale: run `npm run codegen` and commit it.');
  });
});
