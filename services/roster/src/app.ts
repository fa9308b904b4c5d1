import { createServiceApp } from "@civicgrid/http";
import type { AppEnv } from "./env";
import { assignments } from "./routes/assignments";
import { departments } from "./routes/departments";
import { objections } from "./routes/objections";
import { reports } from "./routes/reports";
import { users } from "./routes/users";
import { vetting } from "./routes/vetting";
import { workers } from "./routes/workers";

export const app = createServiceApp<AppEnv>("roster", { publicPrefixes: ["/v1/public/"] });
app.route("/", workers);
app.route("/", vetting);
app.route("/", assignments);
app.route("/", objections);
app.route("/", departments);
app.route("/", users);
app.route("/", reports);
