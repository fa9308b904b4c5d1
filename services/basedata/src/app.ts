import { createServiceApp } from "@civicgrid/http";
import type { AppEnv } from "./env";
import { addressRoutes } from "./routes/addresses";
import { houseRoutes } from "./routes/houses";
import { campaignRoutes } from "./routes/campaigns";
import { countRoutes } from "./routes/counts";
import { exportRoutes } from "./routes/exports";
import { householdRoutes } from "./routes/households";
import { peopleRoutes } from "./routes/people";
import { privacyRoutes } from "./routes/privacy";
import { publicAddressRoutes } from "./routes/public-addresses";
import { importRoutes } from "./routes/imports";
import { settingsRoutes } from "./routes/settings";
import { submissionRoutes } from "./routes/submissions";
import { unitRoutes } from "./routes/units";
import { visitPlanRoutes } from "./routes/visit-plan";
import { visitRoutes } from "./routes/visits";

// A ledger upload keeps its Idempotency-Key with the import it created (routes/imports.ts), never reading the file.
export const app = createServiceApp<AppEnv>("basedata", {
  idempotencyExcept: ["/v1/basedata/imports"],
  publicPrefixes: ["/v1/public/"],
});
app.route("/", submissionRoutes);
app.route("/", settingsRoutes);
app.route("/", addressRoutes);
app.route("/", publicAddressRoutes);
app.route("/", houseRoutes);
app.route("/", unitRoutes);
app.route("/", countRoutes);
app.route("/", exportRoutes);
app.route("/", peopleRoutes);
app.route("/", householdRoutes);
app.route("/", privacyRoutes);
app.route("/", visitRoutes);
app.route("/", visitPlanRoutes);
app.route("/", importRoutes);
app.route("/", campaignRoutes);
