// The 精简到限额 panel: when the draft is over its 字数 limit, a button by the meter opens a list of
// the server's trim plan (wenfeng.server.trimPlan, docs/PROTOCOL.md) — each cut with its grade,
// saving and the sentence before and after. 安全 cuts start ticked; every tick asks the server
// for the ticked cuts only, so the projected 字数 is the server's own count of the result, and
// 采纳所选 applies exactly those edits as one editor transaction (one undo step).
// Cut ids belong to one version of the draft: a plan for an older text is never applied.

const GRADE_HINTS = {
  safe: "不改变意思，已预先勾选",
  likely: "一般不改变意思，请过目后勾选",
  review: "删去整句，请对照原意逐处斟酌",
};
const TARGET_LABELS = { general: "一般限额", maximum: "最高限额" };
const number = (x) => Number(x).toLocaleString("en-US");

// The 字数 limit in a wenfeng/stats payload, and whether the draft is over it.
export function wordLimit(stats) {
  const limit = (stats?.limits || []).find((l) => l.metric === "words");
  if (!limit) return null;
  const bound = limit.general ?? limit.maximum;
  return { ...limit, over: bound != null && limit.value > bound };
}

function el(tag, className, text) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text != null) node.textContent = text;
  return node;
}

// deps: execute(command, args) → the server's answer; uri() → the document; applyEdits(version,
// edits) → false when the editor's text is no longer that version; select(version, range);
// notice(text, kind).
export function trimPanel(deps) {
  const $ = (id) => document.getElementById(id);
  const panel = $("trim-panel"), button = $("trim"), list = $("trim-cuts");
  const status = $("trim-status"), projected = $("trim-projected"), apply = $("trim-apply");
  const targetPick = $("trim-target");
  let stats = null, plan = null, target = "general";
  let ticked = new Set();
  let asked = 0;          // the latest request; older answers are dropped
  let refreshTimer = 0, projectTimer = 0;

  const isOpen = () => !panel.hidden;

  function say(text, kind = "info") {
    plan = null;
    list.replaceChildren();
    projected.textContent = "";
    projected.className = "projected";
    apply.disabled = true;
    $("trim-all").disabled = true;
    status.textContent = text;
    status.className = `trim-status ${kind}`;
  }

  // Why there is nothing to list when the 文种 sets no 字数 limit.
  function noLimit() {
    const name = stats?.doctype;
    if (!name || name === "未识别") {
      return "未能识别文种，不知道篇幅限额。请先在上方“文种”中选定文种，再精简到限额。";
    }
    return `${name}没有${TARGET_LABELS[target]}的字数要求，无需精简到限额。`;
  }

  function fillTargets() {
    const limit = wordLimit(stats);
    const options = [];
    if (limit?.general != null) options.push(["general", `一般限额 ${number(limit.general)} 字`]);
    if (limit?.maximum != null) options.push(["maximum", `最高限额 ${number(limit.maximum)} 字`]);
    if (!options.some(([value]) => value === target)) target = options[0]?.[0] || "general";
    targetPick.replaceChildren(...options.map(([value, label]) => new Option(label, value)));
    targetPick.value = target;
    targetPick.parentElement.hidden = options.length < 2;
  }

  async function refresh() {
    clearTimeout(refreshTimer);
    const seq = ++asked;
    if (!plan) say("正在生成精简方案…");
    let answer;
    try {
      answer = await deps.execute("trimPlan", [deps.uri(), target]);
    } catch (err) {
      if (seq === asked) say(`无法生成精简方案：${err.message || err}`, "error");
      return;
    }
    if (seq !== asked || !isOpen()) return;
    if (!answer) return say("检查服务还没有读到这份草稿，请稍候再试。", "error");
    if (answer.error) return say(noLimit(), "info");
    const label = `${TARGET_LABELS[answer.target]} ${number(answer.limit)} 字`;
    if (answer.before <= answer.limit) {
      return say(`正文 ${number(answer.before)} 字，未超出${label}，无需精简。`, "ok");
    }
    if (!answer.cuts.length) {
      return say(`没有找到可以放心删去的字句：正文 ${number(answer.before)} 字，${label}，超出 ` +
        `${number(answer.before - answer.limit)} 字。${answer.advice ? `${answer.advice}。` : ""}` +
        "请对照原意自行压缩。", "warning");
    }
    plan = answer;
    ticked = new Set(answer.cuts.filter((c) => c.grade === "safe").map((c) => c.id));
    status.textContent = `正文 ${number(answer.before)} 字，${label}，超出 ` +
      `${number(answer.before - answer.limit)} 字。找到 ${answer.cuts.length} 处可删减，` +
      `全部采纳 → ${number(answer.after)} 字` +
      (answer.reaches ? "。" : `，仍超出 ${number(answer.remaining)} 字${answer.advice ? `：${answer.advice}` : ""}。`);
    status.className = "trim-status";
    $("trim-all").disabled = false;
    render();
    project();
  }

  function render() {
    list.replaceChildren();
    for (const cut of plan.cuts) {
      const item = el("li", `cut ${cut.grade}`);
      const head = el("label", "head");
      const box = el("input");
      box.type = "checkbox";
      box.checked = ticked.has(cut.id);
      box.dataset.id = String(cut.id);
      box.addEventListener("change", () => {
        if (box.checked) ticked.add(cut.id); else ticked.delete(cut.id);
        project();
      });
      const grade = el("span", "grade", cut.gradeLabel);
      grade.title = GRADE_HINTS[cut.grade] || "";
      head.append(box, grade, el("span", "cls", cut.classLabel),
        el("span", "saves", `减 ${cut.saves} 字`), el("span", "where", cut.location));
      const before = el("div", "ctx before");
      before.title = "点击在草稿中选中这处";
      before.append(el("span", "tag", "原文"), `…${cut.context.left}`, el("del", null, cut.removed),
        `${cut.context.right}…`);
      before.addEventListener("click", () => deps.select(plan.version, cut.range));
      const after = el("div", "ctx after");
      after.append(el("span", "tag", "改后"), `…${cut.context.left}`);
      if (cut.replacement) after.append(el("ins", null, cut.replacement));
      after.append(`${cut.context.right}…`);
      item.append(head, before, after, el("div", "reason", `理由：${cut.reason}`));
      list.append(item);
    }
  }

  // The projected 字数 of the ticked cuts, from the server (a paragraph cut away whole also
  // loses its line, and cuts near each other interact: only the server counts that right).
  function project() {
    clearTimeout(projectTimer);
    apply.disabled = !ticked.size;
    apply.textContent = ticked.size ? `采纳所选（${ticked.size} 处）` : "采纳所选";
    $("trim-all").textContent = plan && ticked.size === plan.cuts.length ? "全不选" : "全选";
    projected.textContent = "正在计算…";
    projected.className = "projected";
    projectTimer = setTimeout(async () => {
      const seq = ++asked, version = plan?.version;
      let answer;
      try {
        answer = await deps.execute("trimPlan", [deps.uri(), target, [...ticked]]);
      } catch (err) {
        if (seq === asked) projected.textContent = `无法计算：${err.message || err}`;
        return;
      }
      if (seq !== asked || !plan) return;
      if (!answer || answer.version !== version) return refresh(); // the draft changed meanwhile
      const label = `${TARGET_LABELS[answer.target]} ${number(answer.limit)} 字`;
      const saved = answer.before - answer.after;
      projected.textContent = !ticked.size ? `未选任何一处：正文 ${number(answer.before)} 字` :
        `采纳所选 ${ticked.size} 处，减 ${number(saved)} 字 → ${number(answer.after)} 字` +
        (answer.after <= answer.limit ? `（${label}以内）` : `（仍超出${label} ${number(answer.after - answer.limit)} 字）`);
      projected.className = `projected ${answer.after <= answer.limit ? "ok" : "warning"}`;
    }, 120);
  }

  async function adopt() {
    if (!plan || !ticked.size) return;
    const version = plan.version, ids = [...ticked];
    apply.disabled = true;
    let answer;
    try {
      answer = await deps.execute("trimPlan", [deps.uri(), target, ids]);
    } catch (err) {
      apply.disabled = false;
      return deps.notice(`采纳失败：${err.message || err}`, "error");
    }
    if (!answer || answer.error || answer.version !== version || !deps.applyEdits(version, answer.edits)) {
      deps.notice("草稿在此期间有改动，已按最新文字重新生成方案，请核对后再采纳", "info");
      return refresh();
    }
    deps.notice(`已采纳 ${ids.length} 处，减少 ${number(answer.before - answer.after)} 字（现 ` +
      `${number(answer.after)} 字）。如需恢复，按 Ctrl+Z 撤销`, "info");
    // the next wenfeng/stats of the new text refreshes the panel
  }

  function open() {
    panel.hidden = false;
    button.setAttribute("aria-expanded", "true");
    fillTargets();
    plan = null;
    refresh();
  }

  function close() {
    panel.hidden = true;
    button.setAttribute("aria-expanded", "false");
    plan = null;
    ++asked;
  }

  button.addEventListener("click", () => (isOpen() ? close() : open()));
  $("trim-close").addEventListener("click", close);
  panel.addEventListener("keydown", (e) => { if (e.key === "Escape") close(); });
  apply.addEventListener("click", adopt);
  $("trim-all").addEventListener("click", () => {
    if (!plan) return;
    ticked = ticked.size === plan.cuts.length ? new Set() : new Set(plan.cuts.map((c) => c.id));
    for (const box of list.querySelectorAll("input[type=checkbox]")) box.checked = ticked.has(Number(box.dataset.id));
    project();
  });
  targetPick.addEventListener("change", () => { target = targetPick.value; plan = null; refresh(); });

  return {
    // Every complete wenfeng/stats: the button shows while over the 字数 limit; an open panel
    // follows the draft (its plan is of an older text once the version moves on).
    stats(next) {
      stats = next;
      const limit = wordLimit(next);
      button.hidden = !limit?.over;
      if (limit?.over) {
        const bound = limit.general ?? limit.maximum;
        button.textContent = `精简到限额（超出 ${number(limit.value - bound)} 字）`;
      }
      if (!isOpen() || next.complete === false) return;
      fillTargets();
      if (!plan || plan.version !== next.version) {
        clearTimeout(refreshTimer);
        refreshTimer = setTimeout(refresh, 250);
      }
    },
    // The connection is down, or the draft is too long to check: nothing to plan against.
    hide() { button.hidden = true; close(); },
    close,
  };
}
