import { createServiceApp } from "@civicgrid/http";
import type { AppEnv } from "./env";
import { archiveRoutes } from "./routes/archive";
import { commandRoutes } from "./routes/commands";
import { disputeRoutes } from "./routes/disputes";
import { disputeReadRoutes } from "./routes/disputes-read";
import { disputeRulesRoutes } from "./routes/dispute-rules";
import { disputeWarningRoutes } from "./routes/dispute-warnings";
import { publicRoutes } from "./routes/public";
import { readRoutes } from "./routes/read";
import { reportRoutes } from "./routes/report";
import { supervisionRoutes } from "./routes/supervisions";
import { followUpRoutes } from "./routes/follow-ups";

// Opening a case has no DO yet to remember the key, so the kit's D1 table does; commands on a case
// keep their keys in the case's DO, atomically with the change (see CaseDO.command).
export const app = createServiceApp<AppEnv>("cases", {
  publicPrefixes: ["/v1/public/"],
  idempotentPaths: ["/v1/cases", "/v1/cases/work-orders", "/v1/public/cases"],
});

app.route("/", reportRoutes);
app.route("/", readRoutes);
app.route("/", commandRoutes);
app.route("/", archiveRoutes);
app.route("/", publicRoutes);
app.route("/", supervisionRoutes);
// Issue 15 (disputes), helper "core": the dispute commands, the printable agreement and the audited identity read.
app.route("/", disputeRoutes);
app.route("/", disputeReadRoutes);
// Disputes: risk (issue 15, helper "risk"): the county rules, the early-warning list and the dispute list.
app.route("/", disputeRulesRoutes);
app.route("/", disputeWarningRoutes);
// Issue 16, helper "returns": the follow-up (回访) worklist.
app.route("/", followUpRoutes);
