/**
 * Idempotent mutations, for every resolver at once: a mutation sent with an Idempotency-Key runs in
 * one transaction that first claims the key (a row keyed by caller and key), then runs the
 * mutation (its ctx.transact calls become savepoints of that transaction), then stores the answer
 * and commits. A copy of the request blocks on the claim until the first commits, then replays the
 * stored answer; if the first rolled back (a refusal, a crash), the copy claims the key and runs.
 * Two replicas share the database, so the primary key settles races between them too.
 */
import { HeaderMap, type ApolloServerPlugin, type GraphQLResponse } from '@apollo/server';
import { OperationTypeNode, type FormattedExecutionResult } from 'graphql';
import type { HubContext } from '../context';
import { refuse } from '../errors';
import { requestLanguage } from '../i18n/language';
import type { Dispatcher } from '../outbox/dispatcher';

export { IdempotentRequest } from './idempotency';

/** Header on a replayed answer (the subgraph's response; the gateway passes its body on). */
export const REPLAYED_HEADER = 'idempotent-replayed';

const single = (singleResult: FormattedExecutionResult, headers?: HeaderMap): GraphQLResponse => ({
  http: { status: undefined, headers: headers ?? new HeaderMap() },
  body: { kind: 'single', singleResult },
});

export function idempotencyPlugin(o: { dispatcher: Dispatcher; keyReused: () => FormattedExecutionResult['errors'] }): ApolloServerPlugin<HubContext<unknown>> {
  return {
    async requestDidStart() {
      return {
        async responseForOperation({ operation, contextValue: ctx }) {
          const idem = ctx.idempotency;
          if (!idem || operation.operation !== OperationTypeNode.MUTATION) return null;
          await ctx.em.begin();
          idem.open = true;
          // Blocks while another transaction holds an uncommitted claim on the same key.
          const claimed = await ctx.em.execute<{ key: string }[]>(
            `insert into idempotency_key (principal_id, key, fingerprint, operation_name, created_at) values (?, ?, ?, ?, now()) on conflict do nothing returning key`,
            [idem.principalId, idem.key, idem.fingerprint, operation.name?.value ?? null],
          );
          if (claimed.length) return null;
          const [first] = await ctx.em.execute<{ fingerprint: string; response: FormattedExecutionResult | null }[]>(
            `select fingerprint, response from idempotency_key where principal_id = ? and key = ?`,
            [idem.principalId, idem.key],
          );
          await ctx.em.rollback();
          idem.open = false;
          if (!first || first.fingerprint !== idem.fingerprint) return single({ errors: o.keyReused() });
          return single(first.response ?? { data: null }, new HeaderMap([[REPLAYED_HEADER, 'true']]));
        },

        async willSendResponse({ contextValue: ctx, response }) {
          const idem = ctx.idempotency;
          if (!idem?.open) return;
          idem.open = false;
          const result = response.body.kind === 'single' ? response.body.singleResult : undefined;
          // A refusal wrote nothing and uses no key up: a retry runs again.
          if (!idem.effects && (!result || result.errors?.length)) {
            await ctx.em.rollback();
            return;
          }
          try {
            await ctx.em.execute(`update idempotency_key set response = ?::jsonb where principal_id = ? and key = ?`, [JSON.stringify(result ?? null), idem.principalId, idem.key]);
            await ctx.em.commit();
          } catch (e) {
            await ctx.em.rollback().catch(() => undefined);
            ctx.log.error({ err: { message: (e as Error).message } }, 'an idempotent mutation could not commit');
            // Nothing was committed: say so, rather than the answer of an effect that did not happen.
            const internal = refuse('INTERNAL_ERROR');
            response.body = {
              kind: 'single',
              singleResult: { errors: [{ message: internal.messageIn(requestLanguage()), extensions: { ...internal.extensionsIn(requestLanguage()), requestId: ctx.requestId } }] },
            };
            return;
          }
          if (idem.destinations.size) await o.dispatcher.deliverNow(idem.destinations);
        },
      };
    },
  };
}

/** Same key, another request: refused, nothing run (the draft answers 422; the contract's code is CONFLICT). */
export const keyReusedErrors = (): FormattedExecutionResult['errors'] => {
  const e = refuse('IDEMPOTENCY_KEY_REUSED');
  const lang = requestLanguage();
  return [{ message: e.messageIn(lang), extensions: e.extensionsIn(lang) }];
};
