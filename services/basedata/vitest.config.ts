import { serviceTestConfig } from "@civicgrid/testing/config";
import { casesStubScript, registryStubScript, rosterStubScript } from "./test/stub-services.ts";

/** A test-only PII key (bytes 0..31); no deployed environment uses it. */
const TEST_PII_KEY = "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=";

// REGISTRY, ROSTER and CASES point at inline stand-ins implementing the agreed RPC shapes (see test/stub-services.ts).
export default serviceTestConfig(import.meta.dirname, {
  miniflare: {
    bindings: { PII_KEY: TEST_PII_KEY },
    serviceBindings: {
      REGISTRY: { name: "stub-registry" },
      ROSTER: { name: "stub-roster" },
      CASES: { name: "stub-cases" },
    },
    workers: [
      { name: "stub-registry", modules: true, compatibilityDate: "2026-10-01", script: registryStubScript },
      { name: "stub-roster", modules: true, compatibilityDate: "2026-10-01", script: rosterStubScript },
      { name: "stub-cases", modules: true, compatibilityDate: "2026-10-01", script: casesStubScript },
    ],
  },
});
