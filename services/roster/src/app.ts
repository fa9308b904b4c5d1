import { createServiceApp } from "@civicgrid/http";
import type { AppEnv } from "./env";

export const app = createServiceApp<AppEnv>("roster", { publicPrefixes: ["/v1/public/"] });
