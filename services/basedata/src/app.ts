import { createServiceApp } from "@civicgrid/http";
import type { AppEnv } from "./env";
import { householdRoutes } from "./routes/households";
import { peopleRoutes } from "./routes/people";
import { privacyRoutes } from "./routes/privacy";
import { settingsRoutes } from "./routes/settings";
import { submissionRoutes } from "./routes/submissions";

export const app = createServiceApp<AppEnv>("basedata");
app.route("/", submissionRoutes);
app.route("/", settingsRoutes);
app.route("/", peopleRoutes);
app.route("/", householdRoutes);
app.route("/", privacyRoutes);
