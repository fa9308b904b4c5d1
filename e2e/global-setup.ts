import type { TestProject } from "vitest/node";
import { E2E_ORIGIN, startSystem, stopSystem } from "./system";

declare module "vitest" {
  export interface ProvidedContext {
    origin: string;
    stateDir: string;
  }
}

export default async function setup(project: TestProject) {
  // E2E_ATTACH=1: use the system `tsx serve.ts` keeps running on E2E_PORT (its state carries over between runs).
  if (process.env.E2E_ATTACH) {
    const res = await fetch(`${E2E_ORIGIN}/healthz?deep=1`).catch(() => undefined);
    if (!res?.ok) throw new Error(`E2E_ATTACH is set but no healthy system answers on ${E2E_ORIGIN}`);
    project.provide("origin", E2E_ORIGIN);
    project.provide("stateDir", "");
    return;
  }
  const system = await startSystem();
  project.provide("origin", E2E_ORIGIN);
  project.provide("stateDir", system.stateDir);
  return async () => {
    await stopSystem(system);
  };
}
