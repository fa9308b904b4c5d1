// `npm run token -- <sub>`: prints an access token from the local dev issuer for a demo user.
// `npm run token -- --list` lists the demo users. Options: --ttl <seconds> (default 8 hours).
import { importJWK, SignJWT } from "jose";
import fs from "node:fs";
import path from "node:path";
import { DEV_DIR } from "./env.mjs";
import { DEV_AUDIENCE, DEV_ISSUER, loadDevSecrets } from "./secrets.mjs";
import { generateDemo } from "./seed.mjs";

const usersFile = path.join(DEV_DIR, "demo", "users.json");

/** @typedef {import("@civicgrid/demo-data").City["users"][number]} DemoUser */

/** @returns {Promise<DemoUser[]>} */
export async function demoUsers() {
  if (!fs.existsSync(usersFile)) await generateDemo();
  return JSON.parse(fs.readFileSync(usersFile, "utf8"));
}

/**
 * @param {string} sub a demo user's subject
 * @param {number} [ttlSeconds]
 */
export async function mintDevToken(sub, ttlSeconds = 8 * 3600) {
  const user = (await demoUsers()).find((u) => u.sub === sub);
  if (!user) throw new Error(`no demo user '${sub}'; see npm run token -- --list`);
  const { issuerPrivateJwk } = await loadDevSecrets();
  const key = await importJWK(issuerPrivateJwk, issuerPrivateJwk.alg);
  return new SignJWT({
    name: user.name,
    roles: user.roles,
    division: user.divisionCode,
    dept: user.departmentId,
    grids: user.grids,
  })
    .setProtectedHeader({ alg: issuerPrivateJwk.alg, kid: issuerPrivateJwk.kid, typ: "JWT" })
    .setSubject(user.sub)
    .setIssuer(DEV_ISSUER)
    .setAudience(DEV_AUDIENCE)
    .setIssuedAt()
    .setExpirationTime(Math.floor(Date.now() / 1000) + ttlSeconds)
    .sign(key);
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const args = process.argv.slice(2);
  if (args.length === 0 || args[0] === "--list") {
    for (const u of (await demoUsers()).filter((u) => u.sub.startsWith("demo-")))
      console.log(`${u.sub.padEnd(36)} ${u.roles.join(",").padEnd(14)} ${u.divisionCode} ${u.name}`);
    if (args.length === 0) console.log("\nusage: npm run token -- <sub> [--ttl seconds]");
  } else {
    const ttl = args.includes("--ttl") ? Number(args[args.indexOf("--ttl") + 1]) : undefined;
    console.log(await mintDevToken(/** @type {string} */ (args[0]), ttl));
  }
}
