import { html, raw } from "hono/html";
import type { Context } from "hono";
import type { AppEnv } from "../env";

type Operation = {
  operationId?: string;
  summary?: string;
  description?: string;
  tags?: string[];
  security?: unknown[];
  parameters?: { name: string; in: string; required?: boolean }[];
  requestBody?: unknown;
  responses?: Record<string, { description?: string }>;
};
type Doc = { info: { title: string; description?: string }; paths: Record<string, Record<string, Operation>> };

/**
 * `/docs`: the merged OpenAPI document rendered as a plain HTML reference. Rendered here rather
 * than by a hosted UI bundle, so it works offline and on a closed network.
 */
export async function docsPage(c: Context<AppEnv>, doc: Doc): Promise<Response> {
  const byTag = new Map<string, { method: string; path: string; op: Operation }[]>();
  for (const [path, ops] of Object.entries(doc.paths)) {
    for (const [method, op] of Object.entries(ops)) {
      const tag = op.tags?.[0] ?? "other";
      byTag.set(tag, [...(byTag.get(tag) ?? []), { method, path, op }]);
    }
  }
  const sections = [...byTag.entries()].map(
    ([tag, ops]) =>
      html`<section id="${tag}">
        <h2>${tag}</h2>
        ${ops.map(
          ({ method, path, op }) =>
            html`<details>
              <summary>
                <code class="m ${method}">${method.toUpperCase()}</code>
                <code>${path}</code>
                ${op.summary ?? ""}${op.security?.length ? html` <span class="lock" title="needs a bearer token">🔒</span>` : ""}
              </summary>
              ${op.operationId ? html`<p>Operation: <code>${op.operationId}</code></p>` : ""}
              ${op.description ? html`<p>${op.description}</p>` : ""}
              ${op.parameters?.length ? html`<p>Parameters: ${op.parameters.map((p) => html`<code>${p.in}.${p.name}${p.required ? "*" : ""}</code> `)}</p>` : ""}
              ${
                op.requestBody
                  ? html`<p>Body:</p>
                      <pre>${JSON.stringify(op.requestBody, null, 2)}</pre>`
                  : ""
              }
              <p>
                Responses:
                ${Object.entries(op.responses ?? {}).map(([s, r]) => html`<code>${s}</code> ${r.description ?? ""}; `)}
              </p>
            </details>`,
        )}
      </section>`,
  );
  return c.html(
    html`<!doctype html>
      <html lang="zh-CN">
        <head>
          <meta charset="utf-8" />
          <title>${doc.info.title}</title>
          <style>
            ${raw(STYLE)}
          </style>
        </head>
        <body>
          <h1>${doc.info.title}</h1>
          <p>${doc.info.description ?? ""}</p>
          <p>
            Machine-readable: <a href="/openapi.json">/openapi.json</a>. Errors are RFC 9457
            <code>application/problem+json</code>.
          </p>
          <nav>${[...byTag.keys()].map((t) => html`<a href="#${t}">${t}</a> `)}</nav>
          ${sections}
        </body>
      </html>`,
  );
}

const STYLE = `body{font:15px/1.5 system-ui,sans-serif;max-width:960px;margin:2rem auto;padding:0 1rem;color:#222}
code{font:13px ui-monospace,monospace}pre{background:#f5f5f5;padding:.5rem;overflow:auto;font-size:12px}
details{border-bottom:1px solid #eee;padding:.3rem 0}.m{display:inline-block;width:4.5em;font-weight:bold}
.get{color:#0a7}.post{color:#06c}.put,.patch{color:#a60}.delete{color:#c00}nav a{margin-right:.8em}`;
