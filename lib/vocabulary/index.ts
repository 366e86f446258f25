/**
 * The hub's domain vocabulary, shared by the services and the staff console (pure, no Node
 * imports): agencies, roles and states; who holds a lead and who may do which act; transfer routes;
 * text rules; and the event kinds that are audit actions and timeline kinds at once.
 */
export * from '../domain/enums';
export * from './acts';
export * from './text';
export * from './jurisdiction';
export { EVENT_KINDS, MEDIATED_OR_LEGAL_SERVICE, isEventKind, WEBHOOK_DELIVERED_KINDS, type EventKind, type EventFacts } from './events';
