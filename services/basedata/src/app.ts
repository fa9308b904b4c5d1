import { createServiceApp } from "@civicgrid/http";
import type { AppEnv } from "./env";
import { settingsRoutes } from "./routes/settings";
import { submissionRoutes } from "./routes/submissions";
import { visitPlanRoutes } from "./routes/visit-plan";
import { visitRoutes } from "./routes/visits";

export const app = createServiceApp<AppEnv>("basedata");
app.route("/", submissionRoutes);
app.route("/", settingsRoutes);
app.route("/", visitRoutes);
app.route("/", visitPlanRoutes);
