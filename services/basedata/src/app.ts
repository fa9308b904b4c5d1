import { createServiceApp } from "@civicgrid/http";
import type { AppEnv } from "./env";
import { addressRoutes } from "./routes/addresses";
import { houseRoutes } from "./routes/houses";
import { countRoutes } from "./routes/counts";
import { exportRoutes } from "./routes/exports";
import { settingsRoutes } from "./routes/settings";
import { submissionRoutes } from "./routes/submissions";
import { unitRoutes } from "./routes/units";

export const app = createServiceApp<AppEnv>("basedata");
app.route("/", submissionRoutes);
app.route("/", settingsRoutes);
app.route("/", addressRoutes);
app.route("/", houseRoutes);
app.route("/", unitRoutes);
app.route("/", countRoutes);
app.route("/", exportRoutes);
