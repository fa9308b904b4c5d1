import { serviceTestConfig } from "@civicgrid/testing/config";
import { stubRegistryScript } from "./test/stub-registry.ts";

// REGISTRY points at a small stand-in that implements locateMany over a few test squares.
export default serviceTestConfig(import.meta.dirname, {
  miniflare: {
    // The suites read facts right after each batch; rollups.test.ts covers the interval (rollupSoon).
    bindings: { ROLLUP_EVERY_S: "0" },
    serviceBindings: { REGISTRY: { name: "stub-registry" } },
    workers: [{ name: "stub-registry", modules: true, compatibilityDate: "2026-10-01", script: stubRegistryScript() }],
  },
});
