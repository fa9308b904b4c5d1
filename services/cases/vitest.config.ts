import { serviceTestConfig } from "@civicgrid/testing/config";
import { basedataStubScript, registryStubScript, rosterStubScript } from "./test/stub-services.ts";

/** A fixed key for sealing dispute parties in tests (base64 of 32 bytes), never a real one. */
const TEST_PII_KEY = "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=";

// REGISTRY, ROSTER and BASEDATA point at inline stand-ins implementing the agreed RPC shapes (test/stub-services.ts).
export default serviceTestConfig(import.meta.dirname, {
  miniflare: {
    // The archive's policy as deployed, whatever a local `ARCHIVE_AFTER_DAYS=0 npm run dev` wrote to .dev.vars.
    bindings: { PII_KEY: TEST_PII_KEY, ARCHIVE_AFTER_DAYS: "90" },
    serviceBindings: {
      REGISTRY: { name: "stub-registry" },
      ROSTER: { name: "stub-roster" },
      BASEDATA: { name: "stub-basedata" },
    },
    workers: [
      { name: "stub-registry", modules: true, compatibilityDate: "2026-10-01", script: registryStubScript },
      { name: "stub-roster", modules: true, compatibilityDate: "2026-10-01", script: rosterStubScript },
      { name: "stub-basedata", modules: true, compatibilityDate: "2026-10-01", script: basedataStubScript },
    ],
  },
});
