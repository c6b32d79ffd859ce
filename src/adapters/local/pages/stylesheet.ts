/** The stylesheet of the server-rendered pages: a light product look, dark when the system is. */
export const PAGES_CSS = `
:root { color-scheme: light dark; --bg: #f7f8f9; --card: #ffffff; --text: #172b4d; --muted: #626f86;
  --border: #dcdfe4; --brand: #0c66e4; --brand-text: #ffffff; --danger: #ae2e24; --jira: #0c66e4; --confluence: #1d7afc; }
@media (prefers-color-scheme: dark) {
  :root { --bg: #1d2125; --card: #22272b; --text: #c7d1db; --muted: #8c9bab; --border: #38414a;
    --brand: #579dff; --brand-text: #1d2125; --danger: #fd9891; --jira: #22272b; --confluence: #22272b; }
}
* { box-sizing: border-box; }
html, body { margin: 0; height: 100%; }
body { background: var(--bg); color: var(--text); font: 14px/1.5 -apple-system, BlinkMacSystemFont, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; }
a { color: var(--brand); }
.card { max-width: 26rem; margin: 4rem auto; padding: 2rem; background: var(--card); border: 1px solid var(--border); border-radius: 8px; }
.card.wide { max-width: 44rem; }
h1 { font-size: 1.5rem; margin: 0 0 .5rem; }
h2 { font-size: 1.1rem; margin: 1.5rem 0 .5rem; }
label { display: block; font-weight: 600; margin: 1rem 0 .25rem; font-size: 12px; color: var(--muted); }
input { width: 100%; padding: .5rem; border: 2px solid var(--border); border-radius: 3px; background: var(--card); color: var(--text); font: inherit; }
input:focus { outline: none; border-color: var(--brand); }
button { margin-top: 1.5rem; padding: .5rem 1rem; border: 0; border-radius: 3px; background: var(--brand); color: var(--brand-text); font: inherit; font-weight: 600; cursor: pointer; }
button:focus-visible, a:focus-visible { outline: 2px solid var(--brand); outline-offset: 2px; }
button.link { margin: 0; padding: 0; background: none; color: var(--brand); font-weight: 400; text-decoration: underline; }
form.inline { display: inline; }
.error { color: var(--danger); font-weight: 600; }
.muted { color: var(--muted); }
.small { font-size: 12px; margin-top: 1.5rem; }
.signed-in { margin: 1rem 0; }
.links { padding-left: 1.2rem; }
.links li { margin: .5rem 0; }
pre { padding: .75rem; background: var(--bg); border: 1px solid var(--border); border-radius: 3px; overflow-x: auto; }
header.product { display: flex; align-items: center; gap: 1.5rem; height: 56px; padding: 0 1.5rem; color: #ffffff; }
header.product.jira { background: var(--jira); }
header.product.confluence { background: var(--confluence); }
header.product a, header.product button.link { color: #ffffff; }
.product-name { font-weight: 700; font-size: 1.1rem; text-decoration: none; }
.crumbs { display: flex; gap: .5rem; flex: 1; opacity: .9; }
.user { white-space: nowrap; }
iframe.app { display: block; width: 100%; height: calc(100% - 56px); border: 0; background: var(--bg); }
`;
