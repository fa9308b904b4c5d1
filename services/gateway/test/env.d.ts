type GatewayTestEnv = import("../src/env").Bindings & { TEST_KEYS: string };

declare namespace Cloudflare {
  interface Env extends GatewayTestEnv {}
  interface GlobalProps {
    mainModule: typeof import("../src/index");
  }
}
