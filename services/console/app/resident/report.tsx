import { useRef, useState } from "preact/hooks";
import type { components } from "@civicgrid/client";
import { api, must } from "../shared/api";
import { ProblemText, shownProblem, type ShownProblem } from "../shared/problem";
import { onLink } from "../shared/router";
import { keepToken } from "./follow-tokens";
import { coordinate, myPosition, type Point } from "./geo";
import { gridAt } from "./grid";
import { uploadPhoto } from "./photo";

type Category = components["schemas"]["MatterCategoryNode"];
interface MatterGroup {
  name: string;
  matters: { code: string; name: string }[];
}
type RequestType = "consultation" | "help" | "complaint" | "report" | "suggestion";

const REQUEST_TYPES: [RequestType, string][] = [
  ["report", "反映问题"],
  ["help", "求助"],
  ["complaint", "投诉"],
  ["suggestion", "建议"],
  ["consultation", "咨询"],
];

/** Every category of the public catalogue by its code (the tree's nodes at any depth), for the groups' names. */
function namesOf(nodes: Category[], into = new Map<string, string>()): Map<string, string> {
  for (const n of nodes) {
    into.set(n.code, n.name);
    namesOf(n.children, into);
  }
  return into;
}

/**
 * What a resident may report where they are: the matters the county's current matter list admits (a report of
 * anything else is refused), grouped under the catalogue's category names. A grid code begins with its county's
 * 6-digit division code (GB/T 2260), which the matter lists name as a 12-digit code.
 */
async function mattersFor(gridCode: string): Promise<MatterGroup[]> {
  const countyCode = `${gridCode.slice(0, 6)}000000`;
  const [list, catalogue] = await Promise.all([
    must(api.GET("/v1/public/matters/lists/{countyCode}", { params: { path: { countyCode } } })),
    must(api.GET("/v1/public/matters/categories")),
  ]);
  const names = namesOf(catalogue.items);
  const groups = new Map<string, MatterGroup>();
  for (const m of list.admission) {
    const group = groups.get(m.categoryCode) ?? { name: names.get(m.categoryCode) ?? m.categoryCode, matters: [] };
    group.matters.push({ code: m.matterCode, name: m.name });
    groups.set(m.categoryCode, group);
  }
  return [...groups.values()];
}

interface Done {
  id: string;
  followToken: string;
  photo: "none" | "uploaded" | "failed";
}

export function ReportPage() {
  const [groups, setGroups] = useState<MatterGroup[] | null>(null);
  const [title, setTitle] = useState("");
  const [description, setDescription] = useState("");
  const [categoryCode, setCategoryCode] = useState("");
  const [requestType, setRequestType] = useState<RequestType>("report");
  const [address, setAddress] = useState("");
  const [lng, setLng] = useState("");
  const [lat, setLat] = useState("");
  const [gridName, setGridName] = useState<string | null>(null);
  const [photo, setPhoto] = useState<File | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const [problem, setProblem] = useState<ShownProblem | null>(null);
  const [done, setDone] = useState<Done | null>(null);
  // One Idempotency-Key per body: a double tap or a retry after a lost answer sends the same key and gets the same
  // case back; an edited form is another request and gets a new key.
  const attempt = useRef<{ body: string; key: string } | null>(null);
  // Set at once, unlike `busy` (a state, seen only after the next render): a second tap in the same tick stops here.
  const sending = useRef(false);

  async function useMyLocation() {
    setBusy("正在定位…");
    setProblem(null);
    try {
      const p = await myPosition();
      setLng(String(p.lng));
      setLat(String(p.lat));
      await showGrid(p);
    } catch (e) {
      setProblem(shownProblem(e));
    } finally {
      setBusy(null);
    }
  }

  /** The grid the point lies in, and what may be reported there. */
  async function showGrid(p: Point) {
    setGridName(null);
    const grid = await gridAt(p.lng, p.lat);
    setGridName(`${grid.name}（${grid.code}）`);
    const found = await mattersFor(grid.code);
    setGroups(found);
    if (!found.some((g) => g.matters.some((m) => m.code === categoryCode))) setCategoryCode("");
  }

  /** Typed coordinates: once both are numbers, find their grid as the phone's location would. */
  async function typedPlace() {
    const x = coordinate(lng);
    const y = coordinate(lat);
    if (x === null || y === null) return;
    setProblem(null);
    try {
      await showGrid({ lng: x, lat: y });
    } catch (e) {
      setProblem(shownProblem(e));
    }
  }

  async function send(e: Event) {
    e.preventDefault();
    if (busy || sending.current) return;
    setProblem(null);
    const x = coordinate(lng);
    const y = coordinate(lat);
    if (x === null || y === null) {
      setProblem({ title: "缺少位置", detail: "请点击“使用我的位置”，或填写经度和纬度。" });
      return;
    }
    const body = {
      title: title.trim(),
      description: description.trim(),
      categoryCode,
      lng: x,
      lat: y,
      requestType,
      ...(address.trim() ? { address: address.trim() } : {}),
    };
    const json = JSON.stringify(body);
    if (attempt.current?.body !== json) attempt.current = { body: json, key: crypto.randomUUID() };
    setBusy("正在提交…");
    sending.current = true;
    try {
      const answer = await must(
        api.POST("/v1/public/cases", { body, headers: { "idempotency-key": attempt.current.key } }),
      );
      keepToken({ id: answer.id, token: answer.followToken, title: body.title });
      attempt.current = null;
      let photoState: Done["photo"] = "none";
      if (photo) {
        setBusy("正在上传照片…");
        try {
          await uploadPhoto(answer.id, answer.followToken, photo, { lng: x, lat: y });
          photoState = "uploaded";
        } catch (err) {
          photoState = "failed";
          setProblem(shownProblem(err));
        }
      }
      setDone({ id: answer.id, followToken: answer.followToken, photo: photoState });
    } catch (err) {
      setProblem(shownProblem(err));
    } finally {
      sending.current = false;
      setBusy(null);
    }
  }

  async function retryPhoto() {
    if (!done || !photo) return;
    setBusy("正在上传照片…");
    setProblem(null);
    try {
      await uploadPhoto(done.id, done.followToken, photo, null);
      setDone({ ...done, photo: "uploaded" });
    } catch (err) {
      setProblem(shownProblem(err));
    } finally {
      setBusy(null);
    }
  }

  if (done)
    return (
      <>
        <h1>已提交</h1>
        <section class="card" aria-labelledby="receipt">
          <h2 id="receipt">您的反映已受理</h2>
          <dl class="facts">
            <dt>案件编号</dt>
            <dd>
              <code data-testid="case-id">{done.id}</code>
            </dd>
            <dt>查询码</dt>
            <dd>
              <code data-testid="follow-token">{done.followToken}</code>
            </dd>
            <dt>照片</dt>
            <dd>{{ none: "未附照片", uploaded: "已上传", failed: "上传失败" }[done.photo]}</dd>
          </dl>
          <p class="notice">
            查询码只显示这一次，请截图或抄下。凭案件编号和查询码可随时查询进度、办结后评价；本页在此浏览器标签页中也会记住它。
          </p>
          {problem && <ProblemText problem={problem} />}
          {done.photo === "failed" && (
            <button type="button" disabled={!!busy} onClick={() => void retryPhoto()}>
              {busy ?? "重新上传照片"}
            </button>
          )}
          <p>
            <a class="button primary wide" href={`/h5/follow/${done.id}`} onClick={onLink}>
              查看办理进度
            </a>
          </p>
        </section>
      </>
    );

  return (
    <>
      <h1>反映问题</h1>
      <form class="card" onSubmit={(e) => void send(e)}>
        <fieldset>
          <legend>位置</legend>
          <button type="button" disabled={!!busy} onClick={() => void useMyLocation()}>
            使用我的位置
          </button>
          <div class="pair">
            <label>
              经度
              <input
                inputMode="decimal"
                required
                value={lng}
                onInput={(e) => setLng(e.currentTarget.value)}
                onChange={() => void typedPlace()}
              />
            </label>
            <label>
              纬度
              <input
                inputMode="decimal"
                required
                value={lat}
                onInput={(e) => setLat(e.currentTarget.value)}
                onChange={() => void typedPlace()}
              />
            </label>
          </div>
          {gridName && <p class="muted">所在网格：{gridName}</p>}
          <label>
            地址或位置说明（选填）
            <input maxLength={200} value={address} onInput={(e) => setAddress(e.currentTarget.value)} />
          </label>
        </fieldset>
        <label>
          问题类别
          <select
            required
            disabled={!groups}
            value={categoryCode}
            onChange={(e) => setCategoryCode(e.currentTarget.value)}
          >
            <option value="">{groups ? "请选择" : "请先确定位置"}</option>
            {groups?.map((g) => (
              <optgroup key={g.name} label={g.name}>
                {g.matters.map((m) => (
                  <option key={m.code} value={m.code}>
                    {m.name}
                  </option>
                ))}
              </optgroup>
            ))}
          </select>
        </label>
        <label>
          诉求类型
          <select value={requestType} onChange={(e) => setRequestType(e.currentTarget.value as RequestType)}>
            {REQUEST_TYPES.map(([value, name]) => (
              <option key={value} value={value}>
                {name}
              </option>
            ))}
          </select>
        </label>
        <label>
          标题
          <input
            required
            minLength={2}
            maxLength={100}
            value={title}
            onInput={(e) => setTitle(e.currentTarget.value)}
          />
        </label>
        <label>
          问题描述
          <textarea
            required
            rows={4}
            maxLength={4000}
            value={description}
            onInput={(e) => setDescription(e.currentTarget.value)}
          />
        </label>
        <label>
          现场照片（选填）
          <input
            type="file"
            accept="image/*"
            capture="environment"
            onChange={(e) => setPhoto(e.currentTarget.files?.[0] ?? null)}
          />
        </label>
        {problem && <ProblemText problem={problem} />}
        <button type="submit" class="primary wide" disabled={!!busy}>
          {busy ?? "提交"}
        </button>
      </form>
    </>
  );
}
