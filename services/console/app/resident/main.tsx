import { render } from "preact";
import "../shared/styles.css";

/** The resident pages (H5): find my grid, report a problem, follow it, rate it. No sign-in: the follow token is the key. */
function Resident() {
  return (
    <main class="resident">
      <h1>居民服务</h1>
    </main>
  );
}

render(<Resident />, document.getElementById("app") as HTMLElement);
