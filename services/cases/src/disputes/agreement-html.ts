import { html } from "hono/html";
import type { HtmlEscapedString } from "hono/utils/html";
import type { DisputeState } from "../domain/dispute";
import { disputeView } from "../domain/dispute";

const CAPACITY: Record<string, string> = { party: "当事人", mediator: "调解员", witness: "见证人", recorder: "记录人" };
const ROLE: Record<string, string> = { applicant: "申请人", respondent: "被申请人", other: "其他当事人" };

/**
 * The printable 人民调解协议书 of the dispute's current agreement (人民调解法 第二十九条: the parties, the dispute's
 * facts, the terms and how and when they are performed, signed by the parties and the mediator). Parties appear
 * masked, as everywhere but the audited identity read; `hono/html` escapes every value.
 */
export function agreementHtml(state: DisputeState): Promise<string> | HtmlEscapedString {
  const d = disputeView(state.dispute);
  const a = d.agreement!;
  const parties = d.parties.map(
    (p) =>
      html`<tr>
        <td>${ROLE[p.role]}</td>
        <td>${p.name}</td>
        <td>${p.idNumber ?? ""}</td>
        <td>${p.phone ?? ""}</td>
      </tr>`,
  );
  const terms = a.terms.map((t, i) => html`<li value="${i + 1}">${t}</li>`);
  const signatories = a.signatories.map(
    (s) =>
      html`<tr>
        <td>${CAPACITY[s.capacity]}</td>
        <td>${s.name}</td>
        <td></td>
      </tr>`,
  );
  return html`<!doctype html>
    <html lang="zh-CN">
      <head>
        <meta charset="utf-8" />
        <title>人民调解协议书 ${state.id}</title>
        <style>
          body {
            font-family: serif;
            margin: 2em;
          }
          table {
            border-collapse: collapse;
            width: 100%;
          }
          td,
          th {
            border: 1px solid #444;
            padding: 4px;
          }
        </style>
      </head>
      <body>
        <h1>人民调解协议书</h1>
        <p>案件编号 Case ${state.id} · 纠纷类型 ${d.relation} · 调解员 ${d.mediation?.mediatorName ?? ""}</p>
        <h2>当事人 Parties</h2>
        <table>
          <tr>
            <th>身份</th>
            <th>姓名</th>
            <th>身份证号</th>
            <th>电话</th>
          </tr>
          ${parties}
        </table>
        <h2>纠纷事实 The dispute</h2>
        <p>${d.summary}</p>
        <h2>协议内容 Terms</h2>
        <ol>
          ${terms}
        </ol>
        <p>签订日期 Signed on ${a.signedOn} · 履行期限 To be performed by ${a.performBy} · 状态 ${a.status}</p>
        <h2>签名 Signatories</h2>
        <table>
          <tr>
            <th>身份</th>
            <th>姓名</th>
            <th>签名</th>
          </tr>
          ${signatories}
        </table>
        <p>本协议自各方签名之日起生效 (人民调解法 第二十九条、第三十一条)。</p>
      </body>
    </html>`;
}
