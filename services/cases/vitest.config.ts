import { serviceTestConfig } from "@civicgrid/testing/config";
import { registryStubScript, rosterStubScript } from "./test/stub-services.ts";

// REGISTRY and ROSTER point at inline stand-ins implementing the agreed RPC shapes (see test/stub-services.ts).
export default serviceTestConfig(import.meta.dirname, {
  miniflare: {
    serviceBindings: { REGISTRY: { name: "stub-registry" }, ROSTER: { name: "stub-roster" } },
    workers: [
      { name: "stub-registry", modules: true, compatibilityDate: "2026-10-01", script: registryStubScript },
      { name: "stub-roster", modules: true, compatibilityDate: "2026-10-01", script: rosterStubScript },
    ],
  },
});
