import { createServiceApp } from "@civicgrid/http";
import type { AppEnv } from "./env";
import { shardSessions } from "./read-models";
import { archiveRoutes } from "./routes/archive";
import { archivedRoutes } from "./routes/archived";
import { commandRoutes } from "./routes/commands";
import { disputeRoutes } from "./routes/disputes";
import { disputeReadRoutes } from "./routes/disputes-read";
import { disputeRulesRoutes } from "./routes/dispute-rules";
import { disputeWarningRoutes } from "./routes/dispute-warnings";
import { joinRoutes } from "./routes/join";
import { nearbyRoutes } from "./routes/nearby";
import { hotspotRoutes } from "./routes/hotspots";
import { mediaRoutes } from "./routes/media";
import { mediaPublicRoutes } from "./routes/media-public";
import { publicRoutes } from "./routes/public";
import { readRoutes } from "./routes/read";
import { reportRoutes } from "./routes/report";
import { requestTypeRoutes } from "./routes/request-types";
import { supervisionRoutes } from "./routes/supervisions";
import { followUpRoutes } from "./routes/follow-ups";
import { caseTiming } from "./timing";

// Opening a case has no DO yet to remember the key, so the kit's D1 table does; commands on a case
// keep their keys in the case's DO, atomically with the change (see CaseDO.command).
export const app = createServiceApp<AppEnv>("cases", {
  publicPrefixes: ["/v1/public/"],
  idempotentPaths: ["/v1/cases", "/v1/cases/work-orders", "/v1/public/cases"],
});

// Issue 17: Server-Timing `cases-*` spans on every response (see timing.ts).
app.use("*", ...caseTiming());
// Issue 17: the county read-model shards through D1 sessions, with the caller's `x-d1-bookmark` in and out.
app.use("*", shardSessions());

// Issue 16 (helper "dupes"): mounted first, so that /v1/cases/nearby is not taken for a case id.
app.route("/", nearbyRoutes);
app.route("/", reportRoutes);
// Issue 17 (helper "archive"): before the reads, so that /v1/cases/archived is not taken for a case id.
app.route("/", archivedRoutes);
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
// Issue 16, helper "clock": a county's default time limits per request type (接诉即办).
app.route("/", requestTypeRoutes);
// Issue 16 (helper "dupes"): +1 without a login.
app.route("/", joinRoutes);
// Issue 16, helper "hotspots": the monthly analysis of recurring matters and its proposals (未诉先办).
app.route("/", hotspotRoutes);
// Issue 16, helper "media": case photos, videos and documents (R2), and their public copies without EXIF.
app.route("/", mediaRoutes);
app.route("/", mediaPublicRoutes);
// Issue 16, helper "returns": the follow-up (回访) worklist.
app.route("/", followUpRoutes);
