/** The Open311 door: each file registers its routes on the one router (services, requests, tokens, discovery). */
import "./post-request";
import "./read-requests";
import "./discovery";

export { open311 } from "./routes";
