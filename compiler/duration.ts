// Durations are read the same way by the compiler and, for templated ones, by the interpreter.
export { DURATION_FORMS, parseDuration } from '../plan/duration';
