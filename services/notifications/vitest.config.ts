import { serviceTestConfig } from "@civicgrid/testing/config";
import { registryStubScript, rosterStubScript, smsProvider } from "./test/stubs.ts";

/**
 * The service over its own wrangler.toml, with ROSTER and REGISTRY pointed at stand-ins that answer the
 * agreed RPC, the HTTP SMS provider played by Node through `outboundService`, and the delivery producer
 * aimed at a queue nobody consumes, so tests drive the sender themselves with createMessageBatch.
 */
export default serviceTestConfig(import.meta.dirname, {
  miniflare: {
    serviceBindings: { ROSTER: { name: "stub-roster" }, REGISTRY: { name: "stub-registry" } },
    workers: [
      { name: "stub-roster", modules: true, compatibilityDate: "2026-10-01", script: rosterStubScript },
      { name: "stub-registry", modules: true, compatibilityDate: "2026-10-01", script: registryStubScript },
    ],
    // REGISTRY_EVENTS too is aimed at a queue nobody consumes; CASE_EVENTS stays on its consumed queue, so a
    // redriven dead letter is seen processed end to end.
    queueProducers: {
      DELIVERY: { queueName: "test-delivery-undrained" },
      REGISTRY_EVENTS: { queueName: "test-registry-undrained" },
    },
    outboundService: smsProvider(),
  },
});
