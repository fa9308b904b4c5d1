import { reporters } from "@civicgrid/test-reporters";
import { defineConfig } from "vitest/config";

// Plain Node tests; generous timeouts because CI runs suites side by side on 2 cores.
export default defineConfig({
  test: { testTimeout: 60_000, silent: "passed-only", reporters: reporters("packages/demo-data") },
});
