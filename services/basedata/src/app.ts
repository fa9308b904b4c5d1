import { createServiceApp } from "@civicgrid/http";
import type { AppEnv } from "./env";
import { countRoutes } from "./routes/counts";
import { exportRoutes } from "./routes/exports";
import { settingsRoutes } from "./routes/settings";
import { submissionRoutes } from "./routes/submissions";

export const app = createServiceApp<AppEnv>("basedata");
app.route("/", submissionRoutes);
app.route("/", settingsRoutes);
app.route("/", countRoutes);
app.route("/", exportRoutes);
