// The worker's entry: the service (HTTP, RPC and cron: rpc.ts) and the Durable Object of one case.
export { default } from "./rpc";
export { CaseDO } from "./do/case-do";
