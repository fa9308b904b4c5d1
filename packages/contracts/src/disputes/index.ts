export * from "./dispute";
export * from "./risk";
// figures (assessments): dispute figures per grid, area and mediator, in the rankings and the monthly report
export * from "./figures";
