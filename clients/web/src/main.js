// The drafting page: a CodeMirror 6 editor that speaks LSP to wenfeng's language server over a
// WebSocket (/lsp). Squiggles and finding cards come from textDocument/publishDiagnostics, the
// meter from the wenfeng/stats notification, fixes from textDocument/codeAction, the 文种 and
// ignores from the server's wenfeng.server.* commands (docs/PROTOCOL.md); the 精简到限额 panel
// (trim.js) from wenfeng.server.trimPlan.
import { EditorView, keymap, placeholder } from "@codemirror/view";
import { EditorState } from "@codemirror/state";
import { defaultKeymap, history, historyKeymap, isolateHistory } from "@codemirror/commands";
import { setDiagnostics, lintGutter } from "@codemirror/lint";
import { LSPClient, LSPPlugin, hoverTooltips } from "@codemirror/lsp-client";
import { connectSocket } from "./socket.js";
import { meterText } from "./meter.js";
import { trimPanel } from "./trim.js";
import * as store from "./store.js";

const $ = (id) => document.getElementById(id);
const SERVER = "wenfeng.server.";
const state = {
  uri: "", fmt: "txt", name: "", docx: null, // the opened .docx: {name, bytes}
  diagnostics: [], stats: null, doctype: "", view: null,
  tooLong: 0, // the server's size limit, while it refuses the draft as over it (else 0)
};
let socket = null;
let trim = null; // the 精简到限额 panel (trim.js)

// -- notices ------------------------------------------------------------------------------------
let noticeTimer = 0;
function notice(text, kind = "info") {
  const box = $("notice");
  box.textContent = text;
  box.className = `notice ${kind}`;
  box.hidden = false;
  clearTimeout(noticeTimer);
  noticeTimer = setTimeout(() => { box.hidden = true; }, kind === "error" ? 9000 : 4000);
}

// -- the language client ------------------------------------------------------------------------
const diagnosticsHandler = {
  clientCapabilities: { textDocument: { publishDiagnostics: { versionSupport: true } } },
  notificationHandlers: {
    "textDocument/publishDiagnostics": (client, params) => {
      const file = client.workspace.getFile(params.uri);
      if (!file || (params.version != null && params.version != file.version)) return true;
      const view = file.getView(), plugin = view && LSPPlugin.get(view);
      if (!view || !plugin) return true;
      const mapped = params.diagnostics.map((item) => ({
        item,
        from: plugin.unsyncedChanges.mapPos(plugin.fromPosition(item.range.start, plugin.syncedDoc)),
        to: plugin.unsyncedChanges.mapPos(plugin.fromPosition(item.range.end, plugin.syncedDoc)),
      }));
      state.diagnostics = mapped;
      view.dispatch(setDiagnostics(view.state, mapped.map(({ item, from, to }) => ({
        from, to,
        severity: item.severity == 1 ? "error" : item.severity == 2 ? "warning" : "info",
        message: item.message,
        source: item.code,
        actions: actionsFor(item),
      }))));
      renderCards();
      return true;
    },
  },
};

const client = new LSPClient({
  rootUri: null,
  timeout: 15000,
  initializationOptions: { settings: { debounceMs: 60 } },
  extensions: [hoverTooltips(), diagnosticsHandler],
  notificationHandlers: {
    "wenfeng/stats": (_client, stats) => { if (stats.uri === state.uri) showStats(stats); return true; },
    "window/showMessage": (_client, params) => {
      notice(params.message.replace(/^文风：/, ""), params.type <= 1 ? "error" : "info");
      return true;
    },
    "window/logMessage": () => true,
  },
});

// Edits reach the server shortly after each keystroke (the server debounces checks itself).
// While the draft is over the size limit there is no server: checking resumes once it is not.
const prompt = EditorView.updateListener.of((update) => {
  if (!update.docChanged) return;
  const text = update.state.doc.toString();
  store.saveDraft(text);
  if (state.tooLong) {
    if (withinLimit(text, state.tooLong)) { state.tooLong = 0; socket?.resume(); }
    return;
  }
  clearTimeout(prompt.timer);
  prompt.timer = setTimeout(() => client.sync(), 20);
});

// The server counts characters (code points); a JS string's length counts UTF-16 units.
function withinLimit(text, limit) {
  if (text.length <= limit) return true;
  let count = 0;
  for (const _ of text) if (++count > limit) return false;
  return true;
}

// The one message for a draft over the limit; the findings shown are of an older text: cleared.
function showTooLong(limit) {
  state.tooLong = limit || 1;
  trim?.hide();
  const shown = limit.toLocaleString("en-US"), meter = $("meter");
  meter.textContent = `文档超过 ${shown} 字符，网页版已停止检查。` +
    `请删减或分成几份；删减到 ${shown} 字符以内会自动恢复检查。`;
  meter.className = "meter error";
  state.diagnostics = [];
  renderCards();
  if (state.view) state.view.dispatch(setDiagnostics(state.view.state, []));
}

async function execute(command, args) {
  client.sync();
  return client.request("workspace/executeCommand", { command: SERVER + command, arguments: args });
}

// -- the editor ---------------------------------------------------------------------------------
function openEditor(text, fmt) {
  state.fmt = fmt === "md" ? "md" : "txt";
  state.uri = `untitled:草稿.${state.fmt === "md" ? "md" : "txt"}`;
  state.diagnostics = [];
  renderCards();
  trim?.close();
  if (state.view) state.view.destroy();
  state.view = new EditorView({
    parent: $("editor"),
    state: EditorState.create({
      doc: text,
      extensions: [
        history(), keymap.of([...defaultKeymap, ...historyKeymap]),
        EditorView.lineWrapping, lintGutter(),
        placeholder("在此输入或粘贴公文，或把 .docx / .txt / .md 文件拖到页面上……"),
        client.plugin(state.uri, state.fmt === "md" ? "markdown" : "plaintext"),
        prompt,
      ],
    }),
  });
  store.saveDraft(text, state.fmt, state.name);
  if (state.tooLong && withinLimit(text, state.tooLong)) { state.tooLong = 0; socket?.resume(); }
}

// Server positions are of the text last synced to it; typing since then is mapped over.
const fromServer = (plugin, position) =>
  plugin.unsyncedChanges.mapPos(plugin.fromPosition(position, plugin.syncedDoc));

function applyEdit(edit) {
  const view = state.view, plugin = view && LSPPlugin.get(view);
  if (!plugin || !edit) return 0;
  let edits = (edit.changes && edit.changes[state.uri]) || [];
  for (const dc of edit.documentChanges || []) if (dc.textDocument?.uri === state.uri) edits = edits.concat(dc.edits);
  const changes = edits.map((e) => ({
    from: fromServer(plugin, e.range.start), to: fromServer(plugin, e.range.end), insert: e.newText,
  }));
  if (changes.length) view.dispatch({ changes, userEvent: "input.fix" });
  return changes.length;
}

// Whether the server's `version` of the draft is the one the editor last synced (a trim plan's
// ranges and cut ids are of that text only).
function synced(version) {
  const view = state.view, plugin = view && LSPPlugin.get(view);
  return plugin && client.workspace.getFile(state.uri)?.version === version ? plugin : null;
}

// The ticked cuts of the trim panel: one transaction, kept apart in the history (one undo step).
function applyTrim(version, edits) {
  const plugin = synced(version);
  if (!plugin) return false;
  state.view.dispatch({
    changes: edits.map((e) => ({ from: fromServer(plugin, e.range.start), to: fromServer(plugin, e.range.end), insert: e.newText })),
    userEvent: "input.trim", annotations: isolateHistory.of("full"), scrollIntoView: true,
  });
  state.view.focus();
  return true;
}

function selectRange(version, range) {
  const plugin = synced(version);
  if (!plugin) return notice("草稿已改动，这处的位置已变", "info");
  state.view.dispatch({ selection: { anchor: fromServer(plugin, range.start), head: fromServer(plugin, range.end) }, scrollIntoView: true });
  state.view.focus();
}

async function codeActions(range, only, diagnostics = []) {
  client.sync();
  return (await client.request("textDocument/codeAction", {
    textDocument: { uri: state.uri }, range, context: { diagnostics, only, triggerKind: 1 },
  })) || [];
}

// -- findings -----------------------------------------------------------------------------------
function actionsFor(item) {
  const actions = [];
  if (item.data?.fixes?.length) actions.push({ name: "采纳", apply: () => adopt(item) });
  actions.push({ name: "忽略", apply: () => ignore(item) });
  return actions;
}

async function adopt(item) {
  try {
    const actions = await codeActions(item.range, ["quickfix"], [item]);
    const fixes = actions.filter((a) => a.edit);
    const chosen = fixes.find((a) => a.isPreferred) || fixes[0];
    if (!chosen) return notice("这处已无可采纳的修改（文字已变动）", "info");
    applyEdit(chosen.edit);
  } catch (err) { notice(`采纳失败：${err.message || err}`, "error"); }
}

async function ignore(item) {
  try { await execute("ignore", [state.uri, item.data]); store.saveIgnore(item.data); }
  catch (err) { notice(`忽略失败：${err.message || err}`, "error"); }
}

function splitMessage(message) {
  const at = message.lastIndexOf("依据：");
  return at < 0 ? [message, ""] : [message.slice(0, at).replace(/[（(\s—–-]+$/, ""), message.slice(at + 3).replace(/[）)]$/, "")];
}

function renderCards() {
  const list = $("cards");
  list.replaceChildren();
  $("count").textContent = String(state.diagnostics.length);
  for (const { item, from, to } of state.diagnostics) {
    const card = document.createElement("li");
    card.className = `card ${item.severity == 1 ? "error" : item.severity == 2 ? "warning" : "info"}`;
    card.tabIndex = 0;
    const [text, basis] = splitMessage(item.message);
    const head = document.createElement("div");
    head.className = "msg";
    head.textContent = text;
    const code = document.createElement("span");
    code.className = "code";
    code.textContent = item.code || "";
    head.prepend(code);
    card.append(head);
    if (basis) {
      const b = document.createElement("div");
      b.className = "basis";
      b.textContent = `依据：${basis}`;
      card.append(b);
    }
    const buttons = document.createElement("div");
    buttons.className = "actions";
    for (const action of actionsFor(item)) {
      const button = document.createElement("button");
      button.type = "button";
      button.textContent = action.name;
      if (action.name === "采纳") button.className = "primary";
      button.addEventListener("click", (e) => { e.stopPropagation(); action.apply(); });
      buttons.append(button);
    }
    card.append(buttons);
    const select = () => {
      const view = state.view, len = view.state.doc.length;
      view.dispatch({ selection: { anchor: Math.min(from, len), head: Math.min(to, len) }, scrollIntoView: true });
      view.focus();
    };
    card.addEventListener("click", select);
    card.addEventListener("keydown", (e) => { if (e.key === "Enter") select(); });
    list.append(card);
  }
}

// -- meter and 文种 -------------------------------------------------------------------------------
function showStats(stats) {
  state.stats = stats;
  const meter = $("meter");
  meter.textContent = meterText(stats);
  meter.className = `meter ${stats.state || "ok"}`;
  meter.title = (stats.limits || []).map((l) => `依据：${l.source}`).join("\n");
  trim?.stats(stats);
  const fixes = stats.savings?.fixes || 0;
  $("fixall").textContent = fixes ? `一键精简（${fixes} 处，减 ${stats.savings.saves} 字）` : "一键精简";
  $("fixall").disabled = !fixes;
}

async function fillDoctypes() {
  const answer = await execute("listDoctypes", [state.uri]);
  if (!answer) return;
  const select = $("doctype");
  const keep = state.doctype;
  select.replaceChildren(new Option(`自动识别${answer.detected && answer.detected !== "未识别" ? `（${answer.detected}）` : ""}`, ""));
  for (const name of [...answer.doctypes].sort((a, b) => a.localeCompare(b, "zh-CN"))) select.add(new Option(name, name));
  select.value = keep;
}

async function chooseDoctype(value, save = true) {
  state.doctype = value;
  if (save) store.saveDoctype(value);
  try {
    const stats = await execute("setDoctype", [state.uri, value]);
    if (stats) showStats(stats);
  } catch (err) { notice(`无法设为该文种：${err.message || err}`, "error"); }
}

async function fixAll() {
  try {
    const end = state.view.state.doc;
    const range = { start: { line: 0, character: 0 }, end: LSPPlugin.get(state.view).toPosition(end.length) };
    const actions = await codeActions(range, ["source.fixAll.wenfeng"]);
    const action = actions.find((a) => a.edit);
    if (!action) return notice("没有可自动精简的地方", "info");
    const count = applyEdit(action.edit);
    notice(`已精简 ${count} 处`, "info");
  } catch (err) { notice(`精简失败：${err.message || err}`, "error"); }
}

// -- files --------------------------------------------------------------------------------------
async function answerError(response) {
  try { return (await response.json()).error; } catch { return `服务返回 ${response.status}`; }
}

async function openFile(file) {
  if (!file) return;
  try {
    const bytes = new Uint8Array(await file.arrayBuffer());
    const response = await fetch(`/api/open?name=${encodeURIComponent(file.name)}`, { method: "POST", body: bytes });
    if (!response.ok) return notice(await answerError(response), "error");
    const opened = await response.json();
    state.name = opened.name;
    state.docx = opened.fmt === "docx" ? { name: opened.name, bytes } : null;
    store.saveDocx(state.docx);
    store.newDocument();
    state.doctype = "";
    $("doctype").value = "";
    openEditor(opened.text, opened.fmt);
    showSource();
    notice(`已打开 ${opened.name}`, "info");
  } catch (err) { notice(`无法打开文件：${err.message || err}`, "error"); }
}

function save(blob, filename) {
  const a = document.createElement("a");
  a.href = URL.createObjectURL(blob);
  a.download = filename;
  document.body.append(a);
  a.click();
  setTimeout(() => { URL.revokeObjectURL(a.href); a.remove(); }, 1000);
}

const stem = () => (state.name || "草稿").replace(/\.[^.]+$/, "");

function needDocx() {
  if (state.docx) return true;
  notice("请先打开一个 Word 文件（.docx）：修订稿和批注稿都写在原文件的副本上", "error");
  return false;
}

async function download(url, body, headers = {}) {
  const response = await fetch(url, { method: "POST", body, headers });
  if (!response.ok) { notice(await answerError(response), "error"); return null; }
  return response;
}

async function downloadTracked() {
  if (!needDocx()) return;
  let binary = "";
  for (const byte of state.docx.bytes) binary += String.fromCharCode(byte);
  const response = await download("/api/tracked", JSON.stringify({
    name: state.docx.name, docx: btoa(binary), text: state.view.state.doc.toString(),
  }), { "Content-Type": "application/json" });
  if (!response) return;
  const [written, skipped] = (response.headers.get("X-Wenfeng-Changes") || "0,0").split(",").map(Number);
  save(await response.blob(), `${stem()}（修订）.docx`);
  notice(`修订稿：${written} 处修改以修订方式标出${skipped ? `；${skipped} 处增删段落的修改未能标出` : ""}`, "info");
}

async function downloadAnnotated() {
  if (!needDocx()) return;
  const query = `name=${encodeURIComponent(state.docx.name)}&doctype=${encodeURIComponent(state.doctype)}`;
  const response = await download(`/api/annotated?${query}`, state.docx.bytes);
  if (response) save(await response.blob(), `${stem()}（批注）.docx`);
}

function showSource() {
  $("source").textContent = state.docx ? `原文件：${state.docx.name}` : state.name ? `原文件：${state.name}` : "";
}

// -- wiring -------------------------------------------------------------------------------------
function wire() {
  trim = trimPanel({ execute, uri: () => state.uri, applyEdits: applyTrim, select: selectRange, notice });
  $("doctype").addEventListener("change", (e) => chooseDoctype(e.target.value));
  $("doctype").addEventListener("focus", () => fillDoctypes().catch(() => {}));
  $("fixall").addEventListener("click", fixAll);
  $("open").addEventListener("click", () => $("file").click());
  $("file").addEventListener("change", (e) => { openFile(e.target.files[0]); e.target.value = ""; });
  $("dl-txt").addEventListener("click", () =>
    save(new Blob([state.view.state.doc.toString()], { type: "text/plain;charset=utf-8" }), `${stem()}.txt`));
  $("dl-tracked").addEventListener("click", downloadTracked);
  $("dl-annotated").addEventListener("click", downloadAnnotated);
  const drop = $("drop");
  let depth = 0;
  window.addEventListener("dragenter", (e) => { if (e.dataTransfer?.types.includes("Files")) { depth++; drop.hidden = false; } });
  window.addEventListener("dragleave", () => { if (--depth <= 0) { depth = 0; drop.hidden = true; } });
  window.addEventListener("dragover", (e) => e.preventDefault());
  window.addEventListener("drop", (e) => {
    e.preventDefault(); depth = 0; drop.hidden = true;
    openFile(e.dataTransfer?.files?.[0]);
  });
}

async function start() {
  wire();
  const saved = store.loadDraft();
  state.name = saved.name;
  state.doctype = saved.doctype;
  state.docx = store.loadDocx();
  showSource();
  socket = connectSocket(client, {
    up: () => {
      $("meter").textContent = "正在检查…";
      const ignores = store.loadIgnores();
      client.initializing.then(async () => {
        if (state.doctype) await chooseDoctype(state.doctype, false);
        for (const data of ignores) await execute("ignore", [state.uri, data]).catch(() => {});
        await fillDoctypes().catch(() => {});
      });
    },
    down: () => { trim?.hide(); $("meter").textContent = "与检查服务的连接已断开，正在重新连接…"; $("meter").className = "meter down"; },
    stopped: showTooLong,
  });
  openEditor(saved.text, saved.fmt);
}

start();
