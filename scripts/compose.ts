/** npm run compose: regenerates schema/supergraph.graphql and schema/api.graphql from the subgraphs. */
import 'reflect-metadata';
import fs from 'node:fs';
import path from 'node:path';
import { composeSupergraph } from '../gateway/src/compose';

async function main() {
  const root = path.resolve(__dirname, '..', '..');
  const { supergraph, api } = await composeSupergraph();
  fs.mkdirSync(path.join(root, 'schema'), { recursive: true });
  fs.writeFileSync(path.join(root, 'schema', 'supergraph.graphql'), supergraph);
  fs.writeFileSync(path.join(root, 'schema', 'api.graphql'), api);
  console.log('schema/supergraph.graphql and schema/api.graphql written');
}

main().catch((e) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
