import pino from 'pino';
import type { LogLevel } from './config';

export type Logger = pino.Logger;

/**
 * The production processes' logs (`npm run api`, `npm run worker`): one JSON object per line on
 * stdout — `level`, `time` (ISO), `service`, `msg`, and what each line adds (a request's id,
 * method, path, status, duration, who made it) — for a log collector to index. `npm start`
 * keeps its lines for a person at a terminal.
 */
export function createLogger(service: string, level: LogLevel): Logger {
  return pino({
    level: level.toLowerCase(),
    base: { service },
    timestamp: pino.stdTimeFunctions.isoTime,
    formatters: { level: (label) => ({ level: label }) },
  });
}
