// End-to-end check of `wenfeng web` in a real Chromium (Debian's, driven by playwright-core).
// Usage: node web_e2e.mjs URL OUTDIR DOCX PYTHON [SCREENSHOT]   (run.sh starts the server)
// Prints one line per check and ends with "N passed, N failed"; exits 1 on any failure.
import { chromium } from "playwright-core";
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const [url, outDir, docxPath, python, screenshot] = process.argv.slice(2);
const results = [];
async function check(name, fn) {
  const started = Date.now();
  try {
    await fn();
    results.push(true);
    console.log(`ok   ${name} (${Date.now() - started} ms)`);
  } catch (err) {
    results.push(false);
    console.log(`FAIL ${name}: ${String(err.message || err).split("\n")[0]}`);
  }
}
const must = (cond, message) => { if (!cond) throw new Error(message); };

const profile = mkdtempSync(join(tmpdir(), "wenfeng-web-e2e-"));
const context = await chromium.launchPersistentContext(profile, {
  executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
  headless: true,
  acceptDownloads: true,
  viewport: { width: 1180, height: 700 },
  args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync"],
});
const page = context.pages()[0] || await context.newPage();
const outside = [];
page.on("request", (r) => { if (!r.url().startsWith(new URL(url).origin) && !r.url().startsWith("data:") && !r.url().startsWith("blob:")) outside.push(r.url()); });
const errors = [];
page.on("pageerror", (e) => errors.push(String(e)));

const editorText = () => page.evaluate(() => document.querySelector(".cm-content").innerText);
// The whole draft as the page keeps it (the editor draws only the lines in view).
const draftText = () => page.evaluate(() => JSON.parse(localStorage.getItem("wenfeng.draft.v1")).text);
const figure = (s, pattern) => Number((s.match(pattern) || [])[1]?.replace(/,/g, "") || NaN);
const meterWords = async () => figure(await meter(), /^\S+ ([\d,]+) \//);
const arrow = /→ ([\d,]+) 字/; // "采纳所选 2 处，减 5 字 → 1,512 字（…）"
// A 请示 of 1,517 字 (a 政府工作报告 passage, tests/trim/drafts/15-请示-2010-10.txt shortened) whose
// trim plan brings it within the 1,500-字 limit; some cuts are 安全, some are not.
const OVER_LIMIT = readFileSync(join(dirname(fileURLToPath(import.meta.url)), "over-limit-request.txt"));
const meter = () => page.locator("#meter").innerText();
const TIMEOUT = 15000;
// Wait until the meter matches `pattern`; on a timeout, say what it shows instead.
async function meterShows(pattern, timeout = TIMEOUT) {
  try {
    await page.waitForFunction((source) => new RegExp(source).test(document.getElementById("meter").textContent),
      pattern.source, { timeout });
  } catch {
    throw new Error(`the meter never matched ${pattern}: “${await meter()}”`);
  }
}

try {
  await check("page loads and connects (meter shows a count)", async () => {
    await page.goto(url);
    await page.waitForFunction(() => /字/.test(document.getElementById("meter").textContent), null, { timeout: TIMEOUT });
  });

  await check("type 尊敬的 → squiggle and finding card", async () => {
    await page.locator(".cm-content").click();
    await page.keyboard.type("关于申请购置办公设备经费的请示");
    await page.keyboard.press("Enter");
    await page.keyboard.type("市财政局：");
    await page.keyboard.press("Enter");
    await page.keyboard.type("尊敬的领导，为保障工作正常开展，拟购置办公设备一批。我们将高度重视，狠抓落实，切实有效地进一步全面加强设备管理。");
    await page.keyboard.press("Enter");
    await page.keyboard.type("妥否，请批示。");
    await page.locator(".cm-lintRange-warning, .cm-lintRange-error").first().waitFor({ timeout: TIMEOUT });
    await page.locator("#cards .card", { hasText: "尊敬的" }).first().waitFor({ timeout: TIMEOUT });
    must((await page.locator("#cards .card .basis").count()) > 0, "a card shows its 依据");
    if (screenshot) {
      await page.waitForFunction(() => document.querySelectorAll("#cards .card").length >= 3, null, { timeout: TIMEOUT });
      await page.locator("#cards .card", { hasText: "尊敬的" }).first().click();
      await page.waitForTimeout(300);
      await page.screenshot({ path: screenshot });
    }
  });

  await check("clicking a card selects its text", async () => {
    await page.locator("#cards .card", { hasText: "尊敬的" }).first().click();
    const selected = await page.evaluate(() => window.getSelection().toString());
    must(selected === "尊敬的", `selection is “${selected}”`);
  });

  await check("采纳 applies the fix", async () => {
    await page.locator("#cards .card", { hasText: "尊敬的" }).first().getByRole("button", { name: "采纳" }).click();
    await page.waitForFunction(() => !document.querySelector(".cm-content").innerText.includes("尊敬的"), null, { timeout: TIMEOUT });
    await page.waitForFunction(() => ![...document.querySelectorAll("#cards .card")].some((c) => c.textContent.includes("尊敬的")), null, { timeout: TIMEOUT });
  });

  let before = "";
  await check("pick 简报 → the meter's limit changes", async () => {
    await page.waitForFunction(() => /^请示 .*\/ [\d,]+ 字/.test(document.getElementById("meter").textContent), null, { timeout: TIMEOUT });
    before = await meter();
    await page.waitForFunction(() => document.querySelectorAll("#doctype option").length > 5, null, { timeout: TIMEOUT });
    await page.selectOption("#doctype", "简报");
    await page.waitForFunction(() => /^简报 /.test(document.getElementById("meter").textContent), null, { timeout: TIMEOUT });
    const after = await meter();
    const limit = (s) => (s.match(/\/ ([\d,]+) 字/) || [])[1];
    must(limit(after) && limit(after) !== limit(before), `limit ${limit(before)} → ${limit(after)} (${after})`);
  });

  await check("reload keeps the draft and the 文种", async () => {
    const text = await editorText();
    await page.reload();
    await page.waitForFunction(() => /^简报 /.test(document.getElementById("meter").textContent), null, { timeout: TIMEOUT });
    must((await editorText()) === text, "the draft after reload differs");
  });

  await check("open a .docx → its text and findings", async () => {
    await page.setInputFiles("#file", docxPath);
    await page.waitForFunction(() => document.querySelector(".cm-content").innerText.includes("尊敬的"), null, { timeout: TIMEOUT });
    await page.locator("#cards .card", { hasText: "尊敬的" }).first().waitFor({ timeout: TIMEOUT });
  });

  await check("download the annotated copy → Word comments inside", async () => {
    const [download] = await Promise.all([page.waitForEvent("download", { timeout: TIMEOUT }), page.click("#dl-annotated")]);
    const saved = join(outDir, "annotated.docx");
    await download.saveAs(saved);
    const script = "import sys, docx; d = docx.Document(sys.argv[1]); c = list(d.comments); " +
      "print(len(c)); sys.exit(0 if c and any('尊敬的' in x.text or 'H201' in x.text for x in c) else 1)";
    const count = execFileSync(python, ["-c", script, saved]).toString().trim();
    must(Number(count) > 0, `comments: ${count}`);
  });

  await check("忽略 hides a finding", async () => {
    const card = page.locator("#cards .card", { hasText: "高度重视" }).first();
    await card.waitFor({ timeout: TIMEOUT });
    await card.getByRole("button", { name: "忽略" }).click();
    await page.waitForFunction(() => ![...document.querySelectorAll("#cards .card")].some((c) => c.textContent.includes("高度重视")), null, { timeout: TIMEOUT });
  });

  await check("一键精简 applies every safe fix", async () => {
    await page.waitForFunction(() => !document.getElementById("fixall").disabled, null, { timeout: TIMEOUT });
    await page.click("#fixall");
    await page.waitForFunction(() => !document.querySelector(".cm-content").innerText.includes("尊敬的"), null, { timeout: TIMEOUT });
    await page.waitForFunction(() => document.getElementById("fixall").disabled, null, { timeout: TIMEOUT });
  });

  await check("download the tracked-changes copy", async () => {
    const [download] = await Promise.all([page.waitForEvent("download", { timeout: TIMEOUT }), page.click("#dl-tracked")]);
    const saved = join(outDir, "tracked.docx");
    await download.saveAs(saved);
    const script = "import sys, zipfile; x = zipfile.ZipFile(sys.argv[1]).read('word/document.xml').decode(); " +
      "sys.exit(0 if '<w:del ' in x and '尊敬的' in x else 1)";
    execFileSync(python, ["-c", script, saved]);
  });

  await check("a renamed .doc is refused with the CLI's message", async () => {
    await page.setInputFiles("#file", { name: "旧文件.docx", mimeType: "application/octet-stream",
      buffer: Buffer.concat([Buffer.from("d0cf11e0a1b11ae1", "hex"), Buffer.from("WordDocument", "utf16le"), Buffer.alloc(600)]) });
    await page.locator("#notice.error", { hasText: "旧文件.docx" }).waitFor({ timeout: TIMEOUT });
  });

  await check("a draft over the size limit: one message, no reconnecting; shorter again → checked", async () => {
    let sockets = 0;
    page.on("websocket", () => { sockets++; });
    const notices = [];
    await page.exposeFunction("wenfengNotice", (text) => notices.push(text));
    await page.evaluate(() => new MutationObserver(() => {
      const box = document.getElementById("notice");
      if (!box.hidden) window.wenfengNotice(box.textContent);
    }).observe(document.getElementById("notice"), { attributes: true, childList: true }));
    const line = "这是一段用于测试篇幅上限的文字。".repeat(6) + "\n";
    await page.locator(".cm-content").click();
    await page.keyboard.press("Control+End");
    await page.evaluate((text) => { // a paste, as a drafter would do it (one edit, one undo)
      const data = new DataTransfer();
      data.setData("text/plain", text);
      document.querySelector(".cm-content").dispatchEvent(
        new ClipboardEvent("paste", { clipboardData: data, bubbles: true, cancelable: true }));
    }, line.repeat(Math.ceil(301000 / line.length)));
    await meterShows(/已停止检查/);
    const opened = sockets;
    await page.waitForTimeout(4000); // the old page reconnected after 0.5, 1 and 2 s
    must(sockets === opened, `${sockets - opened} reconnections while over the limit`);
    must(/300,000 字符/.test(await meter()), `meter: ${await meter()}`);
    must(notices.length === 0, `notices: ${notices.join(" | ")}`);
    await page.keyboard.press("Control+z");
    await meterShows(/^\S+ [\d,]+ \/ [\d,]+ 字/); // checked again: 文种 count / limit
    must(sockets === opened + 1, `${sockets - opened} connections after the undo`);
  });

  await check("精简到限额: no button within the limit; over it → a panel of cuts, 安全 ones ticked", async () => {
    await meterShows(/^请示 [\d,]+ \/ 1,500 字/);
    must(await page.locator("#trim").isHidden(), "the button shows for a draft within the limit");
    await page.setInputFiles("#file", { name: "超长请示.txt", mimeType: "text/plain", buffer: OVER_LIMIT });
    await page.locator("#trim").waitFor({ timeout: TIMEOUT });
    await meterShows(/^请示 1,5\d\d \/ 1,500 字/);
    await page.click("#trim");
    await page.locator("#trim-cuts .cut").nth(1).waitFor({ timeout: TIMEOUT });
    const cuts = await page.$$eval("#trim-cuts .cut", (items) => items.map((c) => ({
      safe: c.classList.contains("safe"), ticked: c.querySelector("input").checked,
      grade: c.querySelector(".grade").textContent, saves: c.querySelector(".saves").textContent,
      before: c.querySelector(".ctx.before").textContent, after: c.querySelector(".ctx.after").textContent })));
    must(cuts.every((c) => c.ticked === c.safe), "only the 安全 cuts start ticked");
    must(cuts.some((c) => c.safe) && cuts.some((c) => !c.safe), `grades: ${cuts.map((c) => c.grade)}`);
    must(cuts.every((c) => /^减 \d+ 字$/.test(c.saves) && /^原文…/.test(c.before) && /^改后…/.test(c.after)),
      "each cut shows its saving and the text before and after");
    await page.waitForFunction(() => /→ [\d,]+ 字/.test(document.getElementById("trim-projected").textContent), null, { timeout: TIMEOUT });
  });

  let original = "", words = 0, projected = 0;
  await check("ticking a cut updates the projected 字数 (the server counts the ticked ones)", async () => {
    original = await draftText();
    words = await meterWords();
    const first = figure(await page.locator("#trim-projected").innerText(), arrow);
    must(first < words, `projected ${first} with the 安全 cuts, from ${words}`);
    await page.locator("#trim-cuts .cut:not(.safe) input").first().check();
    await page.waitForFunction((was) => {
      const m = document.getElementById("trim-projected").textContent.match(/→ ([\d,]+) 字/);
      return m && Number(m[1].replace(/,/g, "")) < was;
    }, first, { timeout: TIMEOUT });
    await page.click("#trim-all"); // 全选: the whole plan, as the status line says
    const whole = figure(await page.locator("#trim-status").innerText(), arrow);
    await page.waitForFunction((n) => new RegExp(`→ ${n.toLocaleString("en-US")} 字（一般限额 1,500 字以内）`)
      .test(document.getElementById("trim-projected").textContent), whole, { timeout: TIMEOUT });
    projected = whole;
    if (screenshot) {
      await page.locator("#trim-cuts .cut").first().locator(".ctx.before").click(); // shows where it is
      await page.waitForTimeout(300);
      await page.screenshot({ path: screenshot.replace(/\.png$/, "-trim.png") });
    }
  });

  await check("采纳所选 applies them in one go; the count drops to the projected 字数; within the limit → said so", async () => {
    await page.click("#trim-apply");
    await meterShows(new RegExp(`^请示 ${projected.toLocaleString("en-US")} / 1,500 字`));
    must((await draftText()) !== original, "the draft did not change");
    await page.locator("#trim-status", { hasText: "无需精简" }).waitFor({ timeout: TIMEOUT });
    must(await page.locator("#trim").isHidden(), "the button still shows within the limit");
    must((await page.locator("#trim-cuts .cut").count()) === 0, "cuts still listed within the limit");
  });

  await check("one undo restores the draft and its count", async () => {
    await page.keyboard.press("Control+z");
    await meterShows(new RegExp(`^请示 ${words.toLocaleString("en-US")} / 1,500 字`));
    must((await draftText()) === original, "the draft after one undo differs from before");
    await page.locator("#trim").waitFor({ timeout: TIMEOUT });
    await page.locator("#trim-cuts .cut").first().waitFor({ timeout: TIMEOUT }); // the open panel follows
    await page.click("#trim-close");
    must(await page.locator("#trim-panel").isHidden(), "the panel did not close");
  });

  await check("精简到限额 with nothing safe to cut, and for a 文种 without a 字数 limit: said so", async () => {
    // over the limit, but every sentence is figures and dates, which are never cut
    const facts = Array.from({ length: 59 }, (_, k) => k + 1).map((i) =>
      `第${i}批项目于2024年${i % 12 + 1}月${i % 28 + 1}日开工，总投资${i * 37 + 5}万元，已完成${i * 13 + 2}万元。`).join("");
    const text = `关于申请追加项目资金的请示\n\n市财政局：\n${facts}\n妥否，请批示。\n\n某某局\n2025年3月1日\n`;
    await page.setInputFiles("#file", { name: "数字请示.txt", mimeType: "text/plain", buffer: Buffer.from(text) });
    await page.locator("#trim").waitFor({ timeout: TIMEOUT });
    await page.click("#trim");
    await page.locator("#trim-status", { hasText: "没有找到可以放心删去的字句" }).waitFor({ timeout: TIMEOUT });
    must(/超出 \d+ 字。建议压缩/.test(await page.locator("#trim-status").innerText()), "says how much and where");
    must(await page.locator("#trim-apply").isDisabled(), "采纳所选 is enabled with nothing to apply");
    await page.selectOption("#doctype", "讲话"); // limited in minutes only
    await page.locator("#trim-status", { hasText: "讲话没有一般限额的字数要求" }).waitFor({ timeout: TIMEOUT });
    must(await page.locator("#trim").isHidden(), "the button shows for a 文种 without a 字数 limit");
    await page.click("#trim-close");
  });

  await check("no requests to other sites, no script errors", async () => {
    must(outside.length === 0, `outside requests: ${outside.join(", ")}`);
    must(errors.length === 0, `page errors: ${errors.join(" | ")}`);
  });
} finally {
  await context.close();
  rmSync(profile, { recursive: true, force: true });
}
const passed = results.filter(Boolean).length, failed = results.length - passed;
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
