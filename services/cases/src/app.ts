import { createServiceApp, idempotency } from "@civicgrid/http";
import type { AppEnv, Env } from "./env";
import { archiveRoutes } from "./routes/archive";
import { commandRoutes } from "./routes/commands";
import { publicRoutes } from "./routes/public";
import { readRoutes } from "./routes/read";
import { reportRoutes } from "./routes/report";
import { supervisionRoutes } from "./routes/supervisions";

export const app = createServiceApp<AppEnv>("cases", { publicPrefixes: ["/v1/public/"] });

// Opening a case has no DO yet to remember the key, so the kit's D1 table does; commands on a case
// keep their keys in the case's DO, atomically with the change (see CaseDO.command).
for (const path of ["/v1/cases", "/v1/cases/work-orders", "/v1/public/cases"]) app.use(path, idempotency((env) => (env as Env).DB));

app.route("/", reportRoutes);
app.route("/", readRoutes);
app.route("/", commandRoutes);
app.route("/", archiveRoutes);
app.route("/", publicRoutes);
app.route("/", supervisionRoutes);
