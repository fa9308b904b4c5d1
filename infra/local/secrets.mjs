// Local development secrets: made on this machine on first run, never committed. Each worker's
// .dev.vars is written from the .dev.vars.example beside its wrangler.toml, with the values filled in.
import { exportJWK, generateKeyPair } from "jose";
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { DEV_DIR, FRONTENDS, GATEWAY_ORIGIN, ROOT, SERVICES } from "./env.mjs";
import { demoUsers } from "./token.mjs";

const SECRETS_FILE = path.join(DEV_DIR, "secrets.json");
export const DEV_ISSUER = `${GATEWAY_ORIGIN}/dev`;
export const DEV_AUDIENCE = "civicgrid-api";

export async function loadDevSecrets() {
  if (fs.existsSync(SECRETS_FILE)) {
    const existing = JSON.parse(fs.readFileSync(SECRETS_FILE, "utf8"));
    // Secrets added after this machine's first run are made now and kept with the others.
    const added = { ...freshSecrets(), ...existing };
    if (Object.keys(added).length !== Object.keys(existing).length)
      fs.writeFileSync(SECRETS_FILE, JSON.stringify(added, null, 2), { mode: 0o600 });
    return added;
  }
  const { privateKey, publicKey } = await generateKeyPair("ES256", { extractable: true });
  const kid = `dev-${randomBytes(4).toString("hex")}`;
  const secrets = {
    ...freshSecrets(),
    issuerPrivateJwk: { ...(await exportJWK(privateKey)), kid, alg: "ES256" },
    issuerPublicJwk: { ...(await exportJWK(publicKey)), kid, alg: "ES256", use: "sig" },
  };
  fs.mkdirSync(DEV_DIR, { recursive: true });
  fs.writeFileSync(SECRETS_FILE, JSON.stringify(secrets, null, 2), { mode: 0o600 });
  return secrets;
}

/** The plain random secrets; each is made once per machine and then kept. */
function freshSecrets() {
  const whsec = () => `whsec_${randomBytes(24).toString("base64")}`;
  return {
    INTERNAL_TOKEN_SECRET: randomBytes(32).toString("base64url"),
    PII_KEY: randomBytes(32).toString("base64"),
    // Two active secrets for the demo platform, to show rotation.
    PLATFORM_SECRETS: JSON.stringify({ "demo-12345": [whsec(), whsec()] }),
  };
}

/** Writes every .dev.vars from its example, replacing `${NAME}` with the local value. */
export async function writeDevVars() {
  const secrets = await loadDevSecrets();
  const values = {
    INTERNAL_TOKEN_SECRET: secrets.INTERNAL_TOKEN_SECRET,
    PII_KEY: secrets.PII_KEY,
    PLATFORM_SECRETS: secrets.PLATFORM_SECRETS,
    DEV_ISSUER_JWKS: JSON.stringify({ keys: [secrets.issuerPublicJwk] }),
    AUTH_ISSUER: DEV_ISSUER,
    AUTH_AUDIENCE: DEV_AUDIENCE,
    AUTH_JWKS_URL: `${GATEWAY_ORIGIN}/dev/jwks.json`,
    // Issue 17 archive: `ARCHIVE_AFTER_DAYS=0 npm run dev` lets the nightly archive take every quiet terminal case.
    ARCHIVE_AFTER_DAYS: process.env.ARCHIVE_AFTER_DAYS ?? "90",
    // Issue 18: the console's development sign-in mints demo users' tokens with the dev issuer's key.
    DEV_ISSUER_PRIVATE_JWK: JSON.stringify(secrets.issuerPrivateJwk),
    DEV_USERS: JSON.stringify(
      (await demoUsers())
        .filter((u) => u.sub.startsWith("demo-"))
        .map(({ sub, name, roles, divisionCode, departmentId, grids }) => ({
          sub,
          name,
          roles,
          divisionCode,
          departmentId,
          grids,
        })),
    ),
  };
  for (const dir of [ROOT, ...[...SERVICES, ...FRONTENDS].map((s) => path.join(ROOT, "services", s))]) {
    const example = path.join(dir, ".dev.vars.example");
    if (!fs.existsSync(example)) continue;
    const text = fs
      .readFileSync(example, "utf8")
      .replace(/\$\{([A-Z_]+)\}/g, (_, /** @type {keyof typeof values} */ name) => {
        if (!(name in values)) throw new Error(`${example}: no local value for ${name}`);
        return values[name].includes("\n") || values[name].includes('"') ? `'${values[name]}'` : values[name];
      });
    const target = path.join(dir, ".dev.vars");
    // Rewriting an unchanged file would make a running `wrangler dev` reload every worker.
    if (!fs.existsSync(target) || fs.readFileSync(target, "utf8") !== text)
      fs.writeFileSync(target, text, { mode: 0o600 });
  }
  return secrets;
}
