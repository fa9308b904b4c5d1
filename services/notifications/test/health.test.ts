import { describeServiceBasics } from "@civicgrid/testing";
import { exports } from "cloudflare:workers";

describeServiceBasics("notifications", () => exports.default);
