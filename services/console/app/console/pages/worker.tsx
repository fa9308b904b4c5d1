import "../field/field.css";
import { useSession } from "../../shared/session";
import { WorkerPatrol } from "./worker-patrol";
import { WorkerReport } from "./worker-report";
import { WorkerTasks } from "./worker-tasks";
import { WorkerVisits } from "./worker-visits";

/** The grid worker's phone screen: tasks, reporting with location and photo, check-in and patrol, the visit plan. */
export function WorkerPage() {
  const s = useSession();
  if (!s) return null;
  return (
    <div class="field">
      <h1>网格员工作台</h1>
      <p class="muted">
        {s.user.name}
        {s.user.grids?.length ? `，负责网格 ${s.user.grids.join("、")}` : ""}
      </p>
      <WorkerPatrol />
      <WorkerReport />
      <WorkerTasks />
      <WorkerVisits />
    </div>
  );
}
