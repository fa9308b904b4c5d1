import { useState } from "preact/hooks";
import { ProblemText, shownProblem, type ShownProblem } from "../../shared/problem";
import { COMMAND_NAMES, issue, useAllowed, type CommandBody, type CommandName } from "./commands";
import { useDepartments } from "./departments";
import { GROUND_NAMES, type Case } from "./labels";
import { readCase } from "./case-read";
import { upload } from "./media";

/** `base`: the case as the command's If-Match should name it, when the form itself changed it (an upload). */
type Submit = <N extends CommandName>(name: N, body: CommandBody<N>, base?: Case) => Promise<void>;

/** Exactly the commands allowed now, as buttons; each opens its form, and the answer (the case) replaces the page's. */
export function CommandPanel({ c, onDone }: { c: Case; onDone: (next: Case) => void }) {
  const { allowed: asked, problem: notAsked } = useAllowed(c);
  const allowed = asked ?? [];
  const [open, setOpen] = useState<CommandName | null>(null);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<ShownProblem | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const current = open && allowed.includes(open) ? open : null;

  const submit: Submit = async (name, body, base = c) => {
    setBusy(true);
    setProblem(null);
    try {
      const next = await issue(base, name, body);
      setOpen(null);
      setDone(`已${COMMAND_NAMES[name]}`);
      onDone(next);
    } catch (e) {
      setProblem(shownProblem(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <section class="card" aria-labelledby="commands-h">
      <h2 id="commands-h">办理</h2>
      {notAsked && <ProblemText problem={notAsked} />}
      {asked === null && !notAsked && <p aria-busy="true">正在读取可办理的操作…</p>}
      {asked?.length === 0 && <p class="muted">当前没有您可以办理的操作。</p>}
      <div class="commands">
        {allowed.map((n) => (
          <button
            key={n}
            type="button"
            aria-pressed={current === n}
            onClick={() => (setOpen(current === n ? null : n), setProblem(null), setDone(null))}
          >
            {COMMAND_NAMES[n]}
          </button>
        ))}
      </div>
      {done && (
        <p class="status-note" role="status">
          {done}
        </p>
      )}
      {problem && <ProblemText problem={problem} />}
      {current && (
        <div class="command-form">
          <h3>{COMMAND_NAMES[current]}</h3>
          <CommandForm name={current} c={c} busy={busy} submit={submit} onProblem={setProblem} />
        </div>
      )}
    </section>
  );
}

interface FormProps {
  name: CommandName;
  c: Case;
  busy: boolean;
  submit: Submit;
  onProblem: (p: ShownProblem) => void;
}

function CommandForm(p: FormProps) {
  switch (p.name) {
    case "verify":
    case "accept":
    case "sign":
      return <NoteForm {...p} />;
    case "dispatch":
      return <DispatchForm {...p} />;
    case "rule-return":
      return <RulingForm {...p} />;
    case "review-extension":
      return <ExtensionReviewForm {...p} />;
    case "check":
      return <CheckForm {...p} />;
    case "escalate":
      return <EscalateForm {...p} />;
    case "handle":
      return <HandleForm {...p} />;
    case "return":
      return <ReturnForm {...p} />;
    case "request-extension":
      return <ExtensionRequestForm {...p} />;
  }
}

function SubmitButton({ name, busy }: { name: CommandName; busy: boolean }) {
  return (
    <button type="submit" class="primary" disabled={busy} aria-busy={busy}>
      确认{COMMAND_NAMES[name]}
    </button>
  );
}

function onSubmit(run: () => void) {
  return (e: Event) => {
    e.preventDefault();
    run();
  };
}

function NoteForm({ name, busy, submit }: FormProps) {
  const [note, setNote] = useState("");
  return (
    <form onSubmit={onSubmit(() => void submit(name as "accept", note.trim() ? { note: note.trim() } : {}))}>
      <label>
        说明（可选）
        <textarea value={note} onInput={(e) => setNote(e.currentTarget.value)} />
      </label>
      <SubmitButton name={name} busy={busy} />
    </form>
  );
}

function DispatchForm({ busy, submit }: FormProps) {
  const { departments, problem } = useDepartments();
  const [lead, setLead] = useState("");
  const [assisting, setAssisting] = useState<string[]>([]);
  const [note, setNote] = useState("");
  if (problem) return <ProblemText problem={problem} />;
  if (!departments) return <p aria-busy="true">正在读取本辖区的职能部门…</p>;
  if (!departments.length) return <p>本辖区尚未登记职能部门，无法派遣。</p>;
  const body = (): CommandBody<"dispatch"> => ({
    leadDepartmentId: lead,
    assistingDepartmentIds: assisting.filter((a) => a !== lead),
    ...(note.trim() ? { note: note.trim() } : {}),
  });
  return (
    <form onSubmit={onSubmit(() => void submit("dispatch", body()))}>
      <label>
        主办部门
        <select required value={lead} onChange={(e) => setLead(e.currentTarget.value)}>
          <option value="">请选择</option>
          {departments.map((d) => (
            <option key={d.id} value={d.id}>
              {d.name}
            </option>
          ))}
        </select>
      </label>
      <fieldset>
        <legend>协办部门（可选）</legend>
        {departments
          .filter((d) => d.id !== lead)
          .map((d) => (
            <label key={d.id} class="check">
              <input
                type="checkbox"
                checked={assisting.includes(d.id)}
                onChange={(e) =>
                  setAssisting(e.currentTarget.checked ? [...assisting, d.id] : assisting.filter((a) => a !== d.id))
                }
              />
              {d.name}
            </label>
          ))}
      </fieldset>
      <label>
        派遣说明（可选）
        <textarea value={note} onInput={(e) => setNote(e.currentTarget.value)} />
      </label>
      <SubmitButton name="dispatch" busy={busy} />
    </form>
  );
}

function Verdict({
  legend,
  yes,
  no,
  value,
  set,
}: {
  legend: string;
  yes: string;
  no: string;
  value: boolean | null;
  set: (v: boolean) => void;
}) {
  return (
    <fieldset>
      <legend>{legend}</legend>
      <label class="check">
        <input type="radio" name={legend} checked={value === true} onChange={() => set(true)} required />
        {yes}
      </label>
      <label class="check">
        <input type="radio" name={legend} checked={value === false} onChange={() => set(false)} />
        {no}
      </label>
    </fieldset>
  );
}

function Opinion({ value, set, label = "意见" }: { value: string; set: (v: string) => void; label?: string }) {
  return (
    <label>
      {label}
      <textarea required value={value} onInput={(e) => set(e.currentTarget.value)} />
    </label>
  );
}

function RulingForm({ c, busy, submit }: FormProps) {
  const [upheld, setUpheld] = useState<boolean | null>(null);
  const [opinion, setOpinion] = useState("");
  const claim = c.returnClaim;
  return (
    <form onSubmit={onSubmit(() => void submit("rule-return", { upheld: upheld === true, opinion: opinion.trim() }))}>
      {claim && (
        <p>
          退单理由：{GROUND_NAMES[claim.ground]}——{claim.reason}
        </p>
      )}
      <Verdict
        legend="裁定结果"
        yes="退单成立（改派其他部门）"
        no="退单不成立（强派原部门）"
        value={upheld}
        set={setUpheld}
      />
      <Opinion value={opinion} set={setOpinion} label="裁定意见" />
      <SubmitButton name="rule-return" busy={busy} />
    </form>
  );
}

function ExtensionReviewForm({ c, busy, submit }: FormProps) {
  const [approved, setApproved] = useState<boolean | null>(null);
  const [opinion, setOpinion] = useState("");
  const ext = c.extension;
  return (
    <form
      onSubmit={onSubmit(
        () => void submit("review-extension", { approved: approved === true, opinion: opinion.trim() }),
      )}
    >
      {ext && (
        <p>
          申请延期 {ext.amount} {ext.unit === "working_days" ? "个工作日" : "个工作小时"}：{ext.reason}
        </p>
      )}
      <Verdict legend="审核结果" yes="同意延期" no="不同意" value={approved} set={setApproved} />
      <Opinion value={opinion} set={setOpinion} label="审核意见" />
      <SubmitButton name="review-extension" busy={busy} />
    </form>
  );
}

function CheckForm({ c, busy, submit }: FormProps) {
  const [passed, setPassed] = useState<boolean | null>(null);
  const [opinion, setOpinion] = useState("");
  return (
    <form onSubmit={onSubmit(() => void submit("check", { passed: passed === true, opinion: opinion.trim() }))}>
      {c.outcome && <p>处置结果：{c.outcome}</p>}
      <Verdict legend="核查结果" yes="核查通过（结案）" no="核查不通过（重办）" value={passed} set={setPassed} />
      <Opinion value={opinion} set={setOpinion} label="核查意见" />
      <SubmitButton name="check" busy={busy} />
    </form>
  );
}

function EscalateForm({ busy, submit }: FormProps) {
  const [reason, setReason] = useState("");
  return (
    <form onSubmit={onSubmit(() => void submit("escalate", { reason: reason.trim() }))}>
      <Opinion value={reason} set={setReason} label="上报理由" />
      <SubmitButton name="escalate" busy={busy} />
    </form>
  );
}

function ReturnForm({ busy, submit }: FormProps) {
  const [ground, setGround] = useState<keyof typeof GROUND_NAMES | "">("");
  const [reason, setReason] = useState("");
  return (
    <form onSubmit={onSubmit(() => ground && void submit("return", { ground, reason: reason.trim() }))}>
      <label>
        退单依据
        <select required value={ground} onChange={(e) => setGround(e.currentTarget.value as keyof typeof GROUND_NAMES)}>
          <option value="">请选择</option>
          {(Object.keys(GROUND_NAMES) as (keyof typeof GROUND_NAMES)[]).map((g) => (
            <option key={g} value={g}>
              {GROUND_NAMES[g]}
            </option>
          ))}
        </select>
      </label>
      <Opinion value={reason} set={setReason} label="退单理由" />
      <SubmitButton name="return" busy={busy} />
    </form>
  );
}

function ExtensionRequestForm({ busy, submit }: FormProps) {
  const [amount, setAmount] = useState("1");
  const [unit, setUnit] = useState<"working_days" | "working_hours">("working_days");
  const [reason, setReason] = useState("");
  return (
    <form
      onSubmit={onSubmit(
        () => void submit("request-extension", { amount: Number(amount), unit, reason: reason.trim() }),
      )}
    >
      <label>
        延长时长
        <input type="number" min={1} required value={amount} onInput={(e) => setAmount(e.currentTarget.value)} />
      </label>
      <label>
        单位
        <select value={unit} onChange={(e) => setUnit(e.currentTarget.value as "working_days" | "working_hours")}>
          <option value="working_days">工作日</option>
          <option value="working_hours">工作小时</option>
        </select>
      </label>
      <Opinion value={reason} set={setReason} label="延期理由" />
      <SubmitButton name="request-extension" busy={busy} />
    </form>
  );
}

/**
 * 处置: the photos first (stage "handling"; a before one too where the matter asks for before/after photos), then
 * the command naming them as evidence, so the agency's check sees what was done.
 */
function HandleForm({ c, busy, submit, onProblem }: FormProps) {
  const [outcome, setOutcome] = useState("");
  const [after, setAfter] = useState<File | null>(null);
  const [before, setBefore] = useState<File | null>(null);
  const [uploading, setUploading] = useState(false);
  const needsBefore = c.beforeAfterPhotos?.includes("handle") ?? false;
  const run = async () => {
    setUploading(true);
    try {
      const stored = [];
      if (before) stored.push(await upload(c.id, before, "handling", "before"));
      if (after) stored.push(await upload(c.id, after, "handling", needsBefore || before ? "after" : "none"));
      const evidence = stored.map((m) => ({
        kind: "photo" as const,
        url: `${location.origin}/v1/cases/${encodeURIComponent(c.id)}/media/${m.mediaId}`,
      }));
      // Each attached file is a new version of the case. Read it again: if it moved by more than our own uploads,
      // someone else acted meanwhile, and the handling must not be sent over their change unseen.
      const fresh = stored.length ? await readCase(c.id, null) : c;
      if (!fresh) throw new Error("案件读取失败");
      if (fresh.version !== c.version + stored.length) {
        onProblem({
          title: "案件已被他人更新",
          detail: "照片已上传，但案件在此期间有其他变化：请核对页面后再次提交处置。",
        });
        return;
      }
      await submit("handle", { outcome: outcome.trim(), evidence }, fresh);
    } catch (e) {
      onProblem(shownProblem(e));
    } finally {
      setUploading(false);
    }
  };
  return (
    <form onSubmit={onSubmit(() => void run())}>
      <Opinion value={outcome} set={setOutcome} label="处置结果" />
      {needsBefore && (
        <label>
          处置前照片
          <input
            type="file"
            accept="image/*"
            capture="environment"
            required
            onChange={(e) => setBefore(e.currentTarget.files?.[0] ?? null)}
          />
        </label>
      )}
      <label>
        {needsBefore ? "处置后照片" : "处置照片"}
        <input
          type="file"
          accept="image/*"
          capture="environment"
          required={needsBefore}
          onChange={(e) => setAfter(e.currentTarget.files?.[0] ?? null)}
        />
      </label>
      <SubmitButton name="handle" busy={busy || uploading} />
    </form>
  );
}
