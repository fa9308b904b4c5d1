import { serviceTestConfig } from "@civicgrid/testing/config";
import { rosterStubScript, smsProvider } from "./test/stubs.ts";

/**
 * The service over its own wrangler.toml, with ROSTER pointed at a stand-in that answers the agreed
 * RPC, the HTTP SMS provider played by Node through `outboundService`, and the delivery producer
 * aimed at a queue nobody consumes, so tests drive the sender themselves with createMessageBatch.
 */
export default serviceTestConfig(import.meta.dirname, {
  miniflare: {
    serviceBindings: { ROSTER: { name: "stub-roster" } },
    workers: [{ name: "stub-roster", modules: true, compatibilityDate: "2026-10-01", script: rosterStubScript }],
    queueProducers: { DELIVERY: { queueName: "test-delivery-undrained" } },
    outboundService: smsProvider(),
  },
});
