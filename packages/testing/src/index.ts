export * from "./constants";
export * from "./headers";
export * from "./principals";
export * from "./service-basics";
export * from "./queues";
