export * from "./dispute";
export * from "./risk";

// Mediators (services/roster): mediation bodies and the registry of mediators.
export * from "./mediators";
// figures (assessments): dispute figures per grid, area and mediator, in the rankings and the monthly report
export * from "./figures";
// 排查 campaigns (services/basedata).
export * from "./campaigns";
