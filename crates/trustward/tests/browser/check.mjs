// Loads a trustward HTML report in headless Chromium over the DevTools protocol, with
// the network disabled, and checks it: no console error or exception, the filters change
// what is shown, pagination works, a hostile file name is shown as text and never run.
// Usage: node check.mjs REPORT.html SCREENSHOT.png
// No npm package: the protocol runs over `--remote-debugging-pipe` (file descriptors 3
// and 4, NUL-separated JSON), which any Node version can drive.
import { spawn } from "node:child_process";
import { mkdtempSync, writeFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";

const [report, shot] = process.argv.slice(2);
const chromium = process.env.CHROMIUM || "/usr/bin/chromium";
const profile = mkdtempSync(join(tmpdir(), "trustward-chromium-"));
const proc = spawn(chromium, [
  "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
  "--disable-component-update", "--disable-sync", "--no-first-run",
  "--disable-dev-shm-usage", `--user-data-dir=${profile}`, "--remote-debugging-pipe",
  "about:blank",
], { stdio: ["ignore", "ignore", "ignore", "pipe", "pipe"] });

let failed = false;
const fail = (m) => { console.error("FAIL: " + m); failed = true; };
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

async function main() {
  let id = 0;
  const pending = new Map();
  const errors = [];
  let dialogs = 0;
  let loaded = null;
  let session = undefined;
  const raw = (method, params = {}, sessionId = session) => new Promise((r) => {
    const n = ++id;
    pending.set(n, r);
    const msg = { id: n, method, params };
    if (sessionId) msg.sessionId = sessionId;
    proc.stdio[3].write(JSON.stringify(msg) + "\0");
  });
  const send = (method, params = {}) => raw(method, params);
  let buf = "";
  proc.stdio[4].on("data", (chunk) => {
    buf += chunk.toString("utf8");
    let i;
    while ((i = buf.indexOf("\0")) >= 0) {
      const m = JSON.parse(buf.slice(0, i));
      buf = buf.slice(i + 1);
      if (m.id && pending.has(m.id)) { pending.get(m.id)(m); pending.delete(m.id); continue; }
      if (m.method === "Runtime.exceptionThrown") errors.push(JSON.stringify(m.params.exceptionDetails));
      if (m.method === "Runtime.consoleAPICalled" && m.params.type === "error") errors.push(JSON.stringify(m.params.args));
      if (m.method === "Log.entryAdded" && m.params.entry.level === "error") errors.push(m.params.entry.text);
      if (m.method === "Page.javascriptDialogOpening") { dialogs++; send("Page.handleJavaScriptDialog", { accept: true }); }
      if (m.method === "Page.loadEventFired" && loaded) loaded();
    }
  });
  const evaluate = async (expr) => {
    const r = await send("Runtime.evaluate", { expression: expr, returnByValue: true });
    if (r.result.exceptionDetails) throw new Error(JSON.stringify(r.result.exceptionDetails));
    return r.result.result.value;
  };
  let page;
  for (let i = 0; i < 100 && !page; i++) {
    const t = await raw("Target.getTargets", {}, undefined);
    page = t.result.targetInfos.find((x) => x.type === "page");
    if (!page) await sleep(100);
  }
  if (!page) throw new Error("no page target");
  const att = await raw("Target.attachToTarget", { targetId: page.targetId, flatten: true }, undefined);
  session = att.result.sessionId;
  await send("Page.enable");
  await send("Runtime.enable");
  await send("Log.enable");
  await send("Network.enable");
  await send("Network.emulateNetworkConditions", { offline: true, latency: 0, downloadThroughput: 0, uploadThroughput: 0 });
  await send("Emulation.setDeviceMetricsOverride", { width: 1280, height: 1000, deviceScaleFactor: 1, mobile: false });
  const done = new Promise((r) => { loaded = r; });
  await send("Page.navigate", { url: "file://" + resolve(report) });
  await done;
  await sleep(300);

  const total = await evaluate("document.querySelectorAll('#findings .finding').length");
  if (!(total > 0)) fail("no finding is shown");
  const count = await evaluate("document.getElementById('count').textContent");
  // Filter by the severity of the first finding and by another one: the list changes.
  const sev = await evaluate("document.querySelector('#findings .finding').dataset.severity");
  const other = await evaluate(`(() => { const s = document.getElementById('f-severity');
    for (const o of s.options) { if (o.value && o.value !== ${JSON.stringify(sev)}) { s.value = o.value; s.dispatchEvent(new Event('change')); return o.value; } } })()`);
  const afterOther = await evaluate("document.querySelectorAll('#findings .finding').length");
  const wrong = await evaluate(`[...document.querySelectorAll('#findings .finding')].filter(f => f.dataset.severity !== ${JSON.stringify(other)}).length`);
  if (wrong !== 0) fail("the severity filter shows other severities");
  if (afterOther === total && (await evaluate("document.getElementById('count').textContent")) === count) fail("the severity filter changed nothing");
  await evaluate(`(() => { const s = document.getElementById('f-severity'); s.value = ${JSON.stringify(sev)}; s.dispatchEvent(new Event('change')); })()`);
  const onlySev = await evaluate(`[...document.querySelectorAll('#findings .finding')].every(f => f.dataset.severity === ${JSON.stringify(sev)})`);
  if (!onlySev) fail("the severity filter does not filter");
  await evaluate("(() => { const s = document.getElementById('f-severity'); s.value = ''; s.dispatchEvent(new Event('change')); })()");
  const an = await evaluate(`(() => { const s = document.getElementById('f-analyzer'); s.value = s.options[1].value; s.dispatchEvent(new Event('change')); return s.value; })()`);
  const anWrong = await evaluate(`[...document.querySelectorAll('#findings .finding')].filter(f => f.dataset.analyzer !== ${JSON.stringify(an)}).length`);
  if (anWrong !== 0) fail("the analyzer filter shows other analyzers");
  await evaluate("(() => { const s = document.getElementById('f-analyzer'); s.value = ''; s.dispatchEvent(new Event('change')); })()");

  // Hostile strings: shown as text, never run.
  const pwned = await evaluate("typeof window.__pwned");
  if (pwned !== "undefined") fail("a hostile string ran as script");
  if (dialogs > 0) fail("a dialog was opened");
  const text = await evaluate("document.body.innerText");
  if (!text.includes("onerror=window.__pwned=1")) fail("the hostile file name is not shown as text");
  const scripts = await evaluate("document.querySelectorAll('script').length");
  if (scripts !== 2) fail(`expected the page's 2 scripts, found ${scripts}`);
  // Expanding a matrix cell shows its checks.
  const checks = await evaluate("(() => { const d = document.querySelector('#matrix details'); d.open = true; return d.querySelectorAll('li').length; })()");
  if (!(checks > 0)) fail("a matrix cell has no checks");

  const png = await send("Page.captureScreenshot", { format: "png" });
  writeFileSync(shot, Buffer.from(png.result.data, "base64"));
  if (errors.length) fail("console errors: " + errors.join("; "));
  console.log(`ok: ${total} findings on the first page (${count}), filters checked, ${checks} checks in a cell, screenshot ${shot}`);
}

main().catch((e) => fail(String(e && e.stack || e))).finally(() => {
  proc.kill("SIGKILL");
  try { rmSync(profile, { recursive: true, force: true }); } catch (_) {}
  process.exit(failed ? 1 : 0);
});
