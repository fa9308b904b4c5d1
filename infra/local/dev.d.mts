// The signatures of dev.mjs, for programs without allowJs (the e2e suite imports it): dev.mjs is
// checked against them (its functions are typed with these), so the two cannot drift apart.
import type { ChildProcess, StdioOptions } from "node:child_process";

export interface StartOptions {
  stateDir?: string;
  port?: number;
  stdio?: StdioOptions;
  /** More arguments for `wrangler dev`. */
  extraArgs?: string[];
}

/** Writes the .dev.vars files, applies the migrations and loads the demo data into `stateDir`. */
export declare function prepare(stateDir?: string): Promise<void>;
/** Runs the gateway and every service in one `wrangler dev`, in its own process group. */
export declare function startAll(options?: StartOptions): ChildProcess;
/** Stops a process group started by startAll, and makes sure no workerd is left behind. */
export declare function stopAll(child: ChildProcess): Promise<void>;
