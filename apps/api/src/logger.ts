import { pino } from 'pino';

/**
 * JSON lines on stdout. The redaction is a second line of defence: no code path logs a body or a
 * header, but if one ever did, tokens and patient input would not reach the log.
 */
export function createLogger(level: string) {
  return pino({
    level,
    base: { service: 'eligo-api' },
    redact: {
      paths: [
        'authorization',
        '*.authorization',
        'headers',
        '*.headers',
        'body',
        '*.body',
        'input',
        '*.input',
        'secret',
        // A contact request's details (name, email, phone) are a person's own.
        'contact',
        '*.contact',
        'email',
        '*.email',
        'phone',
        '*.phone',
      ],
      censor: '[redacted]',
    },
  });
}
