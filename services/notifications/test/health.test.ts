import { describeServiceBasics } from "@civicgrid/testing";
import { exports } from "cloudflare:workers";
import { app } from "../src/app";

describeServiceBasics("notifications", () => exports.default, { routes: app.routes });
