import { useSession } from "../../shared/session";
import { ROLE_NAMES } from "../../shared/roles";

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
