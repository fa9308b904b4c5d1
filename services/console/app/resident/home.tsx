import { onLink } from "../shared/router";
import { keptReports } from "./follow-tokens";

export function HomePage() {
  const mine = keptReports();
  return (
    <>
      <h1>居民服务</h1>
      <p class="muted">无需登录。查看您所在网格的公示信息，反映身边的问题，并随时查询办理进度。</p>
      <ul class="tiles">
        <li>
          <a href="/h5/grid" onClick={onLink}>
            <strong>查找我的网格</strong>
            <span>网格员、联系电话和监督电话</span>
          </a>
        </li>
        <li>
          <a href="/h5/report" onClick={onLink}>
            <strong>反映问题</strong>
            <span>拍照定位，一键提交</span>
          </a>
        </li>
        <li>
          <a href="/h5/follow" onClick={onLink}>
            <strong>查询进度</strong>
            <span>凭案件编号和查询码查看办理情况、评价</span>
          </a>
        </li>
      </ul>
      {mine.length > 0 && (
        <section class="card" aria-labelledby="mine">
          <h2 id="mine">本次访问中提交的问题</h2>
          <ul>
            {mine.map((m) => (
              <li key={m.id}>
                <a href={`/h5/follow/${m.id}`} onClick={onLink}>
                  {m.title}（{m.id}）
                </a>
              </li>
            ))}
          </ul>
        </section>
      )}
    </>
  );
}
