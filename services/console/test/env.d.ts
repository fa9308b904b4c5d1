type ConsoleTestEnv = import("../src/env").Bindings;

declare namespace Cloudflare {
  interface Env extends ConsoleTestEnv {}
  interface GlobalProps {
    mainModule: typeof import("../src/index");
  }
}
