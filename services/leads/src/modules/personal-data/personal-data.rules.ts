/**
 * Who saw a complainant's personal data (issue 20): what is recorded when unmasked values are
 * answered, and who may read the record. Pure, but for the keyed digest.
 */
import { createHmac } from 'node:crypto';
import { Kind, type GraphQLResolveInfo, type SelectionSetNode } from 'graphql';
import { hasRole, type Principal } from '../../../../../lib/auth';
import { badInput, refuse } from '../../../../../lib/errors';
import { idNumberProblem } from '../../../../../lib/identifiers';
import { internalSecret } from '../../../../../lib/config';

export type PersonalDataField = 'ID_NUMBER' | 'PHONE' | 'EVIDENCE_FILE';

/**
 * The digest that names a person in the access log: HMAC-SHA256 of the ID number, keyed by
 * HUB_PERSONAL_DATA_KEY (else derived from the services' shared secret), so the log cannot be
 * turned back into ID numbers by trying them all without the key. Changing the key makes earlier
 * entries unreachable by ID number (they stay readable per lead).
 */
export function subjectDigest(idNumber: string): string {
  const key = process.env.HUB_PERSONAL_DATA_KEY || createHmac('sha256', internalSecret()).update('personal-data-access').digest('hex');
  return createHmac('sha256', key).update(idNumber.trim().toUpperCase()).digest('hex');
}

/** The ID number a request names, as kept: upper case, checked like an intake's. */
export function subjectIdNumber(given: string): string {
  const id = given.trim().toUpperCase();
  const p = idNumberProblem(id);
  if (p) throw badInput('idNumber', p);
  return id;
}

/** Only supervisors read who saw personal data. */
export function mayReadPersonalDataAccess(by: Principal): void {
  if (!hasRole(by, 'SUPERVISOR')) throw refuse('PERSONAL_DATA_ACCESS_SUPERVISORS_ONLY');
}

/** What the client named its operation, without the suffix the gateway adds per subgraph ("Name__leads__0"). */
export const clientOperationName = (subgraphOperation: string | undefined | null): string | null => subgraphOperation?.replace(/__[A-Za-z0-9_-]+__\d+$/, '') || null;

/** Which of the complainant's values the answer asked for (fields, inline and named fragments). */
export function requestedPersonalData(info: GraphQLResolveInfo): Set<PersonalDataField> {
  const out = new Set<PersonalDataField>();
  const visit = (set: SelectionSetNode | undefined) => {
    for (const sel of set?.selections ?? []) {
      if (sel.kind === Kind.FIELD) {
        if (sel.name.value === 'idNumber') out.add('ID_NUMBER');
        if (sel.name.value === 'phone') out.add('PHONE');
      } else if (sel.kind === Kind.INLINE_FRAGMENT) visit(sel.selectionSet);
      else visit(info.fragments[sel.name.value]?.selectionSet);
    }
  };
  for (const node of info.fieldNodes) visit(node.selectionSet);
  return out;
}
