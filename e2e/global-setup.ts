import type { TestProject } from "vitest/node";
import { E2E_ORIGIN, startSystem, stopSystem } from "./system";

declare module "vitest" {
  export interface ProvidedContext {
    origin: string;
    stateDir: string;
  }
}

export default async function setup(project: TestProject) {
  const system = await startSystem();
  project.provide("origin", E2E_ORIGIN);
  project.provide("stateDir", system.stateDir);
  return async () => {
    await stopSystem(system);
  };
}
