import pino from 'pino';
import { traceFields } from './telemetry';

/**
 * Structured JSON logs. Personal data (complainants, ID numbers, phones, tokens) never reaches a
 * log line: we never log inputs or tokens, and the redaction below is a second line of defence.
 */
export const logger = pino({
  level: process.env.LOG_LEVEL ?? (process.env.NODE_ENV === 'test' ? 'silent' : 'info'),
  base: undefined,
  timestamp: pino.stdTimeFunctions.isoTime,
  // trace_id and span_id of the current span, when traces are on (lib/telemetry.ts).
  mixin: traceFields,
  redact: {
    paths: [
      'authorization',
      '*.authorization',
      'headers.authorization',
      'req.headers.authorization',
      '*.complainants',
      '*.idNumber',
      '*.phone',
      'variables',
      '*.variables',
    ],
    censor: '[redacted]',
  },
});

export type Logger = pino.Logger;
