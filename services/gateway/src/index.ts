import { app } from "./app";
import type { Bindings } from "./env";

/** The one public origin: verifies tokens and forwards `/v1/...` to the services over service bindings. */
export default {
  fetch: app.fetch,
} satisfies ExportedHandler<Bindings>;
