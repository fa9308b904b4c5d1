export * from "./dispute";
export * from "./risk";
