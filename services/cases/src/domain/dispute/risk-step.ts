import { divisionLevel, isWithinDivision, RISK_ORDER, type RiskLevel } from "@civicgrid/contracts";
import type { CaseState, Step } from "../case-state";
import { disputeOf, withDispute, type DisputeContext } from "./context";
import { assessRisk } from "./risk";

/**
 * The risk step after every dispute command (Gansu 二(一)1(2)–(3)): the county's rules find a level; it raises the
 * dispute's level when it is higher and either the rules set the level last or a rule holds that did not before (a
 * handler who graded under the rules is overruled only by something new). Then, once per case each: the first time
 * the level is major the county is told and takes the case (the stability fast path); the first time violence is
 * recorded the police are told (命案风险预警). Pure.
 */

const above = (a: RiskLevel, b: RiskLevel) => RISK_ORDER.indexOf(a) > RISK_ORDER.indexOf(b);

/** The last step's state with the dispute's risk changed (the reasons the rules hold now, kept without an event). */
function replaceLast(steps: Step[], state: CaseState): Step[] {
  return [...steps.slice(0, -1), { ...steps.at(-1)!, state }];
}

function raised(steps: Step[], context: DisputeContext): Step[] {
  const last = steps.at(-1)!.state;
  const risk = disputeOf(last).risk;
  const finding = assessRisk(disputeOf(last), context.rules, context.facts);
  const known = new Set(risk.reasons.map((r) => r.rule));
  const fresh = finding.reasons.filter((r) => !known.has(r.rule));
  if (above(finding.level, risk.level) && (risk.source === "rule" || fresh.length > 0)) {
    const state = withDispute(last, {
      risk: { ...risk, level: finding.level, source: "rule", reasons: finding.reasons },
    });
    const reasons = fresh.length > 0 ? fresh : finding.reasons;
    return [
      ...steps,
      { type: "dispute.risk_raised", state, details: { from: risk.level, to: finding.level, reasons } },
    ];
  }
  const handler = risk.reasons.filter((r) => r.rule === "handler");
  const reasons = [...handler, ...finding.reasons];
  return replaceLast(steps, withDispute(last, { risk: { ...risk, reasons } }));
}

/** The county holds a major-risk dispute (Gansu 二(一)1(2): reported at once); a city holder keeps it. */
function countyWarned(last: CaseState, now: Date): Step | null {
  const risk = disputeOf(last).risk;
  if (risk.level !== "major" || risk.countyWarnedAt) return null;
  const lower = divisionLevel(last.holderDivisionCode) !== "city" && last.holderDivisionCode !== last.countyCode;
  const holder = lower && isWithinDivision(last.holderDivisionCode, last.countyCode) ? last.countyCode : null;
  const state = {
    ...withDispute(last, { risk: { ...risk, countyWarnedAt: now.toISOString() } }),
    holderDivisionCode: holder ?? last.holderDivisionCode,
  };
  const details = { countyCode: last.countyCode, from: last.holderDivisionCode, to: state.holderDivisionCode };
  return { type: "dispute.county_warned", state, details: { ...details, reasons: risk.reasons } };
}

/** The county's police are told of recorded violence (命案风险预警), once; the event names them. */
function policeWarned(last: CaseState, context: DisputeContext, now: Date): Step | null {
  const dispute = disputeOf(last);
  const violent = dispute.threats.filter((t) => t.violence);
  if (violent.length === 0 || dispute.risk.policeWarnedAt) return null;
  const warnDepartmentIds = [...context.rules.policeDepartmentIds];
  const risk = { ...dispute.risk, policeWarnedAt: now.toISOString() };
  const state = withDispute(last, { risk, warnedDepartmentIds: warnDepartmentIds });
  return { type: "dispute.police_warned", state, details: { warnDepartmentIds, threats: violent.length } };
}

/** The command's steps followed by the risk steps it causes. */
export function withRiskSteps(steps: Step[], context: DisputeContext, now: Date): Step[] {
  const out = raised(steps, context);
  const county = countyWarned(out.at(-1)!.state, now);
  if (county) out.push(county);
  const police = policeWarned(out.at(-1)!.state, context, now);
  if (police) out.push(police);
  return out;
}
