import fs from 'node:fs';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { composeSupergraph } from '../gateway/src/compose';

const root = path.resolve(__dirname, '..');
const read = (f: string) => fs.readFileSync(path.join(root, f), 'utf8');

describe('the composed schema', () => {
  it('is up to date with the subgraphs (run `npm run compose` after changing one)', async () => {
    const { supergraph, api } = await composeSupergraph();
    expect(read('schema/supergraph.graphql')).toBe(supergraph);
    expect(read('schema/api.graphql')).toBe(api);
  });

  it('meets the public contract, with no gap', () => {
    const checker = path.resolve(root, '..', 'shared', 'tools', 'check-contract.mjs');
    const out = execFileSync('node', [checker, 'schema/api.graphql'], { cwd: root, encoding: 'utf8' });
    expect(out).toMatch(/contract met/);
  });
});
