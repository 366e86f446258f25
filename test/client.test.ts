import fs from 'node:fs';
import path from 'node:path';
import { CLIENT_FILE, MANIFEST_FILE, generateClient } from '../scripts/codegen';
import { startGateway } from '../gateway/src/gateway';
import { createHubClient, HubError, MeDocument } from '../client';

const root = path.resolve(__dirname, '..');

describe('the typed client (client/)', () => {
  test('client/generated.ts and client/operations.json are what `npm run codegen` makes from schema/api.graphql and client/operations.graphql', async () => {
    const fresh = await generateClient(root);
    if (fs.readFileSync(path.join(root, CLIENT_FILE), 'utf8') !== fresh.code) throw new Error(`${CLIENT_FILE} is stale: run \`npm run codegen\` and commit it.`);
    if (fs.readFileSync(path.join(root, MANIFEST_FILE), 'utf8') !== fresh.manifest) throw new Error(`${MANIFEST_FILE} is stale: run \`npm run codegen\` and commit it.`);
  });

  test("on a hub that runs only its manifest's operations, the console's own operations still pass the gateway", async () => {
    const gateway = await startGateway({
      supergraphSdl: fs.readFileSync(path.join(root, 'schema', 'supergraph.graphql'), 'utf8'),
      operationsFile: path.join(root, MANIFEST_FILE),
      operationsOnly: true,
    });
    try {
      // No subgraph runs here: the allow-list lets the operation in, then the token check answers.
      const hub = createHubClient({ url: `${gateway.url}/graphql`, token: 'not-a-token' });
      const refused = await hub.request(MeDocument).catch((e: unknown) => e);
      expect(refused).toBeInstanceOf(HubError);
      expect((refused as HubError).code).toBe('UNAUTHENTICATED');
      const other = await fetch(`${gateway.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: '{ me { id } }' }) });
      expect(((await other.json()) as { errors: { extensions: { code: string } }[] }).errors[0].extensions.code).toBe('OPERATION_NOT_ALLOWED');
    } finally {
      await gateway.stop();
    }
  });
});
