import { createServiceApp } from "@civicgrid/http";
import type { AppEnv } from "./env";
import { checkins } from "./routes/checkins";
import { evaluations } from "./routes/evaluations";
import { patrols } from "./routes/patrols";
import { rankings } from "./routes/rankings";
import { recompute } from "./routes/recompute";
import { reports } from "./routes/reports";
import { settings } from "./routes/settings";

export const app = createServiceApp<AppEnv>("assessments", { publicPrefixes: ["/v1/public/"] });
app.route("/", checkins);
app.route("/", patrols);
app.route("/", settings);
app.route("/", recompute);
app.route("/", rankings);
app.route("/", evaluations);
app.route("/", reports);
