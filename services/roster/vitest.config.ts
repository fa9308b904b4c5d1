import { serviceTestConfig } from "@civicgrid/testing/config";

/** A test-only PII key (bytes 0..31); no deployed environment uses it. */
const TEST_PII_KEY = "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=";

export default serviceTestConfig(import.meta.dirname, { miniflare: { bindings: { PII_KEY: TEST_PII_KEY } } });
