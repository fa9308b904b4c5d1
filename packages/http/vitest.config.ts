import { serviceTestConfig } from "@civicgrid/testing/config";
import path from "node:path";

// The kit is tested through a fixture worker (test/fixture: wrangler.toml, migrations); its suites live in test/.
export default serviceTestConfig(path.join(import.meta.dirname, "test", "fixture"), { root: import.meta.dirname });
