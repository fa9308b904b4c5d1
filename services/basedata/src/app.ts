import { createServiceApp } from "@civicgrid/http";
import type { AppEnv } from "./env";
import { submissionRoutes } from "./routes/submissions";

export const app = createServiceApp<AppEnv>("basedata");
app.route("/", submissionRoutes);
