// Drives code-server (VS Code web) in Debian's chromium with playwright-core and checks what a
// drafter sees with the wenfeng extension.  Called by run.sh; env: CS_URL, WS_DIR, FILE, OUT,
// CHROME (default /usr/bin/chromium).  Prints one PASS/FAIL line per check, then "N passed, M failed".
const { chromium } = require("playwright-core");
const fs = require("fs");
const path = require("path");

const { CS_URL, WS_DIR, FILE, OUT } = process.env;
const CHROME = process.env.CHROME || "/usr/bin/chromium";
const t0 = Date.now();
const ms = () => `${((Date.now() - t0) / 1000).toFixed(1)}s`;
const results = [];
const check = (name, ok, got) => {
  results.push({ name, ok: !!ok, got });
  console.log(`${ok ? "PASS" : "FAIL"} ${name}${ok ? "" : `  (got: ${JSON.stringify(got)})`}`);
};
const SQUIGGLES = ".monaco-editor .squiggly-error, .monaco-editor .squiggly-warning, .monaco-editor .squiggly-info";

/** Runs a command from the palette by its Chinese title. */
async function runCommand(page, title) {
  await page.keyboard.press("Control+Shift+P");
  const input = page.locator(".quick-input-widget input");
  await input.waitFor({ state: "visible", timeout: 10000 });
  await input.fill(">" + title);
  const row = page.locator(".quick-input-widget .monaco-list-row", { hasText: title }).first();
  await row.waitFor({ timeout: 10000 });
  await page.keyboard.press("Enter");
}

/** Text of the wenfeng language status item (pinned to the status bar on first use). */
async function statusText(page) {
  const pinned = page.locator('.statusbar-item[id*="wenfeng"]');
  if (await pinned.count()) {
    return (await pinned.first().innerText()).trim();
  }
  // Not pinned yet: open the language status hover ({} next to the language mode), read our
  // item and pin it so that it stays visible in the status bar (and in the screenshot).
  await page.locator('[id="status.languageStatus"]').hover();
  const el = page.locator(".hover-language-status", { hasText: "字" }).first();
  await el.waitFor({ timeout: 10000 });
  const text = await el.locator(".left").evaluate((n) => (n.childNodes[0] ? n.childNodes[0].textContent : "").trim());
  await el.locator(".codicon-pin").click();
  await page.mouse.move(5, 5);
  return text;
}

async function waitForStatus(page, re, timeout = 20000) {
  const end = Date.now() + timeout;
  let last = "";
  while (Date.now() < end) {
    try {
      last = await statusText(page);
      if (re.test(last)) {
        return last;
      }
    } catch (e) {
      last = `(${String(e).split("\n")[0]})`;
    }
    await page.waitForTimeout(500);
  }
  return last;
}

(async () => {
  const ctx = await chromium.launchPersistentContext(path.join(OUT, "chrome-profile"), {
    executablePath: CHROME,
    headless: true,
    viewport: { width: 1280, height: 800 },
    deviceScaleFactor: 1,
    locale: "zh-CN",
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
      "--disable-background-networking", "--disable-component-update", "--disable-sync"],
  });
  const page = ctx.pages()[0] || await ctx.newPage();
  try {
    await page.goto(`${CS_URL}/?folder=${encodeURIComponent(WS_DIR)}`);
    await page.waitForSelector(".monaco-workbench", { timeout: 60000 });
    console.log(ms(), "workbench loaded");

    const item = page.locator(`.explorer-folders-view .monaco-list-row[aria-label*="${FILE}"]`).first();
    try {
      await item.waitFor({ timeout: 20000 });
      await item.dblclick();
    } catch {
      await page.keyboard.press("Control+P");
      await page.keyboard.type(FILE);
      await page.keyboard.press("Enter");
    }
    await page.waitForSelector(".monaco-editor .view-lines", { timeout: 30000 });
    console.log(ms(), "editor open");

    // 1. Squiggles and Problems entries (Problems "Col" is 1-based UTF-16: 𠀀 is 2 units, so 尊 is Col 3).
    let squiggles = 0;
    try {
      await page.waitForSelector(SQUIGGLES, { timeout: 60000 });
      await page.waitForTimeout(1000);
      squiggles = await page.locator(SQUIGGLES).count();
    } catch { /* reported below */ }
    check("squiggles appear in the editor", squiggles > 0, squiggles);
    console.log(ms(), "squiggles:", squiggles);

    await page.keyboard.press("Control+Shift+M");
    const rows = page.locator(".markers-panel .monaco-list-row");
    let problems = [];
    try {
      await rows.first().waitFor({ timeout: 20000 });
      await page.waitForTimeout(500);
      problems = (await rows.allInnerTexts()).map((t) => t.replace(/\s+/g, " ").trim());
    } catch { /* reported below */ }
    console.log(ms(), "problems:", JSON.stringify(problems));
    const honorific = problems.find((p) => p.includes("[Ln 2, Col 3]"));
    check("Problems lists the 尊敬的 finding at [Ln 2, Col 3] (after 𠀀)", honorific, problems);

    // 2. Status item: count against the 请示 limit.
    const s1 = await waitForStatus(page, /^请示 [\d,]+\/1,500字$/);
    check("status item shows 请示 count/1,500字", /^请示 [\d,]+\/1,500字$/.test(s1), s1);
    console.log(ms(), "status:", s1);
    await page.mouse.move(5, 5);
    await page.screenshot({ path: path.join(OUT, "workbench.png") });
    // README screenshot: a smaller window without the side bar (Ctrl+B), editor + Problems + status.
    await page.keyboard.press("Control+B");
    await page.setViewportSize({ width: 960, height: 600 });
    await page.waitForTimeout(800);
    await page.screenshot({ path: path.join(OUT, "screenshot.png") });
    await page.setViewportSize({ width: 1280, height: 800 });
    await page.keyboard.press("Control+B");
    check("screenshot saved", fs.existsSync(path.join(OUT, "screenshot.png")), "");

    // 3. Picker: another 文种 changes the limit shown.
    await page.locator(".monaco-editor textarea").first().focus();
    await runCommand(page, "选择文种");
    const pick = page.locator(".quick-input-widget .monaco-list-row", { hasText: "专项报告" }).first();
    let s2 = "";
    try {
      await pick.waitFor({ timeout: 10000 });
      const labels = (await page.locator(".quick-input-widget .monaco-list-row").allInnerTexts()).map((t) => t.replace(/\s+/g, " ").trim());
      console.log(ms(), "picker:", JSON.stringify(labels.slice(0, 6)));
      check("picker lists the detected 请示 first", /^请示/.test(labels[0] || ""), labels.slice(0, 3));
      await page.locator(".quick-input-widget input").fill("专项报告");
      await page.waitForTimeout(300);
      await page.keyboard.press("Enter");
      s2 = await waitForStatus(page, /\/2,500字$/);
    } catch (e) {
      s2 = String(e).split("\n")[0];
    }
    check("choosing 专项报告 changes the limit to /2,500字", /^专项报告 [\d,]+\/2,500字$/.test(s2), s2);
    console.log(ms(), "status after picker:", s2);

    // 4. Settings apply without a reload: a per-文种 limit override written to the workspace
    //    settings (code-server does not notice outside edits of the user settings file).
    fs.mkdirSync(path.join(WS_DIR, ".vscode"), { recursive: true });
    fs.writeFileSync(path.join(WS_DIR, ".vscode", "settings.json"),
      JSON.stringify({ "wenfeng.limits": { 专项报告: { words: { general: 1800, maximum: 3000 } } } }, null, 2));
    const s3 = await waitForStatus(page, /\/1,800字$/);
    check("a wenfeng.limits setting takes effect without reload (/1,800字)", /^专项报告 [\d,]+\/1,800字$/.test(s3), s3);
    console.log(ms(), "status after settings change:", s3);

    // 5. Quick fix on the 尊敬的 finding removes it.
    let line2 = "";
    let title = "";
    try {
      const row = rows.filter({ hasText: "[Ln 2, Col 3]" }).first();
      await row.click();
      await row.press("Enter");
      await page.waitForTimeout(500);
      await page.locator(".monaco-editor textarea").first().focus();
      await page.keyboard.press("Control+.");
      const actions = page.locator(".action-widget .monaco-list-row.action");
      await actions.first().waitFor({ timeout: 15000 });
      const titles = (await actions.allInnerTexts()).map((t) => t.trim());
      console.log(ms(), "code actions:", JSON.stringify(titles));
      let i = titles.findIndex((t) => t.includes("尊敬的"));
      if (i < 0) {
        i = titles.findIndex((t) => !t.includes("忽略"));
      }
      title = titles[i] || "";
      // the list has keyboard focus on its first entry; a pointer-block overlay swallows clicks
      for (let k = 0; k < i; k++) {
        await page.keyboard.press("ArrowDown");
      }
      await page.keyboard.press("Enter");
      await page.waitForFunction(() => {
        const lines = [...document.querySelectorAll(".monaco-editor .view-line")];
        return lines.length > 1 && !lines.some((l) => l.textContent.includes("尊敬的"));
      }, null, { timeout: 15000 }).catch(() => undefined);
      const lines = (await page.locator(".monaco-editor .view-line").allInnerTexts()).map((l) => l.replace(/\u00a0/g, " "));
      line2 = lines.find((l) => l.includes("市人民政府")) || lines[1] || "";
    } catch (e) {
      line2 = String(e).split("\n")[0];
    }
    check("quick fix removes 尊敬的", line2 === "\u{20000}市人民政府：", { title, line2 });
    console.log(ms(), "after fix:", JSON.stringify(line2), "via", JSON.stringify(title));
    await page.screenshot({ path: path.join(OUT, "after-fix.png") });
  } catch (e) {
    check("driver ran without an exception", false, String(e && e.stack || e));
    await page.screenshot({ path: path.join(OUT, "error.png") }).catch(() => undefined);
  } finally {
    await ctx.close();
  }
  const bad = results.filter((r) => !r.ok).length;
  console.log(`(browser part ${ms()})`);
  console.log(`${results.length - bad} passed, ${bad} failed`);
  process.exit(bad ? 1 : 0);
})();
