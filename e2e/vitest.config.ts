import { reporters } from "@civicgrid/test-reporters";
import { defineConfig } from "vitest/config";

// End-to-end: one real multi-worker system under `wrangler dev` (started once in global setup),
// driven over HTTP through the gateway only. Files run one after another against it.
export default defineConfig({
  test: {
    globalSetup: ["./global-setup.ts"],
    fileParallelism: false,
    testTimeout: 60_000,
    hookTimeout: 180_000,
    reporters: reporters("e2e"),
  },
});
