import { createServiceApp } from "@civicgrid/http";
import type { AppEnv } from "./env";
import { deadLetters } from "./routes/dead-letters";
import { deliveries } from "./routes/deliveries";
import { inbox } from "./routes/inbox";
import { preferences } from "./routes/preferences";
import { rules } from "./routes/rules";
import { smsSink } from "./routes/sms-sink";
import { subscriptions } from "./routes/subscriptions";
import { templates } from "./routes/templates";

export const app = createServiceApp<AppEnv>("notifications", { publicPrefixes: ["/v1/public/"] });
const routers = [inbox, preferences, subscriptions, templates, rules, deliveries, deadLetters, smsSink];
for (const router of routers) app.route("/", router);
