/** The Open311 door: each file registers its routes on the one router (services, requests, tokens, discovery). */
import "./services";
import "./post-request";
import "./requests";
import "./discovery";

export { open311 } from "./router";
