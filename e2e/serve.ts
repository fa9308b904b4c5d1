// Keeps one e2e system running for iterating on single test files:
//   npm exec -w e2e -- tsx serve.ts             (starts it on E2E_PORT, default 8799; Ctrl-C stops it)
//   E2E_ATTACH=1 npm exec -w e2e -- vitest run test/xxx.test.ts   (runs against it instead of starting one)
import { E2E_ORIGIN, startSystem, stopSystem } from "./system";

const system = await startSystem();
console.log(`civicgrid e2e system on ${E2E_ORIGIN} (state ${system.stateDir}, log ${system.logFile})`);
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.on(signal, () => void stopSystem(system).then(() => process.exit(0)));
}
