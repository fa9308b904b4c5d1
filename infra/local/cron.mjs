// `npm run cron -- <service> [cron]`: runs a service's scheduled work now on the local system, through
// the gateway's admin endpoint with a platform administrator's dev token (the system must be running).
import { GATEWAY_ORIGIN, SERVICES } from "./env.mjs";
import { mintDevToken } from "./token.mjs";

const [service, cron = "*/5 * * * *"] = process.argv.slice(2);
if (!service) {
  console.error(`usage: npm run cron -- <${SERVICES.join("|")}> [cron expression]`);
  process.exit(2);
}
const res = await fetch(`${GATEWAY_ORIGIN}/v1/admin/cron`, {
  method: "POST",
  headers: { authorization: `Bearer ${await mintDevToken("demo-platform-admin")}`, "content-type": "application/json" },
  body: JSON.stringify({ service, cron }),
});
console.log(res.status, JSON.stringify(await res.json(), null, 2));
process.exit(res.ok ? 0 : 1);
