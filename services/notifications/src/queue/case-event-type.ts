/**
 * The case service's events on the case-events queue: the loop's `case.*` and, on dispute cases, `dispute.*`
 * (矛盾纠纷, issue 15: the county's and the police's warnings among them). Both carry CaseEventData.
 */
export function isCaseEventType(type: string): boolean {
  return type.startsWith("case.") || type.startsWith("dispute.");
}
