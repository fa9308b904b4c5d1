import { describeServiceBasics } from "@civicgrid/testing";
import { exports } from "cloudflare:workers";
import { app } from "../src/app";

describeServiceBasics("basedata", () => exports.default, { routes: app.routes });
