import { serviceTestConfig } from "@civicgrid/testing/config";
import { TEST_PLATFORM_SECRETS } from "./test/secrets.ts";
import { casesStubScript, registryStubScript } from "./test/stubs.ts";

/** The platform's callback endpoint in tests: answers per the status the test put in the URL's query (`?fail=503`). */
const PLATFORM_URL = "https://platform.test/callbacks";

export default serviceTestConfig(import.meta.dirname, {
  miniflare: {
    bindings: { TEST_PLATFORM_URL: PLATFORM_URL, PLATFORM_SECRETS: JSON.stringify(TEST_PLATFORM_SECRETS) },
    // Callbacks go to a queue nobody consumes, so each test drives the consumer itself (createMessageBatch).
    queueProducers: { CALLBACKS: { queueName: "test-callbacks-unconsumed" } },
    serviceBindings: { CASES: { name: "stub-cases" }, REGISTRY: { name: "stub-registry" } },
    workers: [
      { name: "stub-cases", modules: true, compatibilityDate: "2026-10-01", script: casesStubScript },
      { name: "stub-registry", modules: true, compatibilityDate: "2026-10-01", script: registryStubScript },
    ],
    outboundService: async (request: Request) => {
      const url = new URL(request.url);
      if (url.origin + url.pathname !== PLATFORM_URL) return new Response("no network in tests", { status: 599 });
      const fail = url.searchParams.get("fail");
      return new Response(fail ? "platform down" : "ok", { status: fail ? Number(fail) : 200 });
    },
  },
});
