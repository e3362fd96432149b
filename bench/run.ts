import { chaosScenario } from './chaos';
import { compilerScenario } from './compiler';
import { deliveryScenario } from './delivery';
import { inboxScenario } from './inbox';
import { interpreterScenario } from './interpreter';
import { parkedScenario } from './parked';
import { isSmoke } from './support/report';
import type { Scenario } from './support/scenario';
import { throughputScenario } from './throughput';
import { turnaroundScenario } from './turnaround';
import { webInboxScenario } from './web-inbox';

/** Scenarios in the order `npm run bench` runs them; `npm run bench -- <name>` runs one. */
const SCENARIOS: readonly Scenario[] = [
  interpreterScenario,
  turnaroundScenario,
  throughputScenario,
  inboxScenario,
  compilerScenario,
  parkedScenario,
  deliveryScenario,
  webInboxScenario,
  chaosScenario,
];

async function main(): Promise<void> {
  const names = process.argv.slice(2).filter((arg) => !arg.startsWith('--'));
  const unknown = names.filter((name) => !SCENARIOS.some((scenario) => scenario.name === name));
  if (unknown.length > 0) {
    throw new Error(`unknown scenario ${unknown.join(', ')}; choose from ${SCENARIOS.map((s) => s.name).join(', ')}`);
  }
  const selected = names.length === 0 ? SCENARIOS : SCENARIOS.filter((scenario) => names.includes(scenario.name));
  const failed: string[] = [];
  for (const scenario of selected) {
    console.log(`\n### ${scenario.name}: ${scenario.description}`);
    try {
      await scenario.run({ smoke: isSmoke() });
    } catch (error) {
      // One broken scenario must not cost the figures of the others.
      console.error(`scenario ${scenario.name} failed:`, error);
      failed.push(scenario.name);
    }
  }
  if (failed.length > 0) throw new Error(`scenarios failed: ${failed.join(', ')}`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
