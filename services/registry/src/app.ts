import { createServiceApp } from "@civicgrid/http";
import type { AppEnv } from "./env";
import { divisions } from "./routes/divisions";
import { grids } from "./routes/grids";
import { layoutChanges } from "./routes/layout-changes";
import { layoutFiling } from "./routes/layout-filing";
import { layouts } from "./routes/layouts";
import { lookup } from "./routes/lookup";
import { matterCatalogue } from "./routes/matter-catalogue";
import { matterChanges } from "./routes/matter-changes";
import { matterDefinitions } from "./routes/matter-definitions";
import { publicDivisions } from "./routes/public-divisions";
import { publicGrids } from "./routes/public-grids";
import { publicMatters } from "./routes/public-matters";

export const app = createServiceApp<AppEnv>("registry", { publicPrefixes: ["/v1/public/"] });

const routers = [
  divisions,
  grids,
  layouts,
  layoutChanges,
  layoutFiling,
  lookup,
  publicDivisions,
  publicGrids,
  publicMatters,
  matterCatalogue,
  matterChanges,
  matterDefinitions,
];
for (const router of routers) {
  app.route("/", router);
}
