/**
 * Not a workflow: OpenTelemetry's `RandomIdGenerator` as the workflow bundle gets it (worker.ts
 * swaps it in when bundling), for the spans Temporal's tracing interceptors make in workflows.
 *
 * The stock generator draws from `Math.random`, which in a workflow is Temporal's seeded stream,
 * the one `uuid4()` draws a sub-process's workflow id from. Replay does not run queries and update
 * validators again, so their spans would shift that stream and a replayed instance would ask for
 * another child than its history holds: a nondeterminism error
 * (temporalio/sdk-typescript#2023). Turning tracing on or off under running instances would do
 * the same. These ids come from the run's id and a count instead, and touch nothing else.
 */
import { workflowInfo } from '@temporalio/workflow';

/** Modules are loaded once per workflow: the ids this run has handed out. */
let issued = 0;

export class RandomIdGenerator {
  generateTraceId = (): string => nextId(32);
  generateSpanId = (): string => nextId(16);
}

/** `hexDigits` of a hash of the run's id and the count, never all zeros (an invalid id). */
function nextId(hexDigits: number): string {
  issued++;
  const id = hash128(`${workflowInfo().runId}/${issued}`).slice(0, hexDigits);
  return /^0+$/.test(id) ? `${id.slice(0, -1)}1` : id;
}

/** cyrb128: four 32-bit lanes of a string hash, as 32 hex digits. */
function hash128(text: string): string {
  let h1 = 1779033703;
  let h2 = 3144134277;
  let h3 = 1013904242;
  let h4 = 2773480762;
  for (let index = 0; index < text.length; index++) {
    const code = text.charCodeAt(index);
    h1 = h2 ^ Math.imul(h1 ^ code, 597399067);
    h2 = h3 ^ Math.imul(h2 ^ code, 2869860233);
    h3 = h4 ^ Math.imul(h3 ^ code, 951274213);
    h4 = h1 ^ Math.imul(h4 ^ code, 2716044179);
  }
  h1 = Math.imul(h3 ^ (h1 >>> 18), 597399067);
  h2 = Math.imul(h4 ^ (h2 >>> 22), 2869860233);
  h3 = Math.imul(h1 ^ (h3 >>> 17), 951274213);
  h4 = Math.imul(h2 ^ (h4 >>> 19), 2716044179);
  h1 ^= h2 ^ h3 ^ h4;
  h2 ^= h1;
  h3 ^= h1;
  h4 ^= h1;
  return [h1, h2, h3, h4].map((lane) => (lane >>> 0).toString(16).padStart(8, '0')).join('');
}
