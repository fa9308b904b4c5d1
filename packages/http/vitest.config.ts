import { serviceTestConfig } from "@civicgrid/testing/config";
import path from "node:path";

export default serviceTestConfig(path.join(import.meta.dirname, "test", "fixture"), {
  setupFiles: [path.join(import.meta.dirname, "test", "setup.ts")],
});
