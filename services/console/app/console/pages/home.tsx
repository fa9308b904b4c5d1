import { useSession } from "../../shared/session";

const ROLE_NAMES: Record<string, string> = {
  platform_admin: "平台管理员",
  agency: "网格化服务管理机构",
  department: "职能部门",
  grid_worker: "网格员",
  hr: "人事",
  resident: "居民",
};

/** The signed-in user's start page: who they are and where they work. */
export function HomePage() {
  const s = useSession();
  if (!s) return null;
  return (
    <section class="card">
      <h1>工作台</h1>
      <p>
        {s.user.name}（{s.user.roles.map((r) => ROLE_NAMES[r] ?? r).join("、")}），辖区 {s.user.division}
      </p>
    </section>
  );
}
