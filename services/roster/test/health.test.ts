import { describeServiceBasics } from "@civicgrid/testing";
import { exports } from "cloudflare:workers";

describeServiceBasics("roster", () => exports.default);
