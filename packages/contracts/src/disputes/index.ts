export * from "./dispute";
export * from "./risk";
// 排查 campaigns (services/basedata).
export * from "./campaigns";
