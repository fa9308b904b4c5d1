import { createServiceApp } from "@civicgrid/http";
import type { AppEnv } from "./env";
import { importRoutes } from "./routes/imports";
import { settingsRoutes } from "./routes/settings";
import { submissionRoutes } from "./routes/submissions";

export const app = createServiceApp<AppEnv>("basedata");
app.route("/", submissionRoutes);
app.route("/", settingsRoutes);
app.route("/", importRoutes);
