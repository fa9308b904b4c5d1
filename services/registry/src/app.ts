import { createServiceApp } from "@civicgrid/http";
import type { AppEnv } from "./env";

export const app = createServiceApp<AppEnv>("registry", { publicPrefixes: ["/v1/public/"] });
