/** The deployment's public settings, from the console worker (services/console/src/config.ts). */
export interface ConsoleConfig {
  oidc: { issuer: string; clientId: string; scope: string } | null;
  map: { tileUrl: string | null; attribution: string };
  devSignIn: boolean;
}

let loaded: Promise<ConsoleConfig> | undefined;

export function config(): Promise<ConsoleConfig> {
  loaded ??= fetch("/config.json").then((r) => {
    if (!r.ok) throw new Error(`读取配置失败（${r.status}）`);
    return r.json() as Promise<ConsoleConfig>;
  });
  return loaded;
}
