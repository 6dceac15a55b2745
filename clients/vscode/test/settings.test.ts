import assert from "node:assert/strict";
import { test } from "node:test";
import { SERVER_KEYS, documentSelector, needsRestart, toServerSettings, traceOn } from "../src/core/settings";

const defaults = {
  interpreter: "", profile: "jingzhou-2019", limits: {}, speakingRate: null, rules: {}, levels: {}, lexiconPaths: [],
  allowlist: [], debounceMs: 150, languages: ["plaintext", "markdown"], documentSelector: [], "trace.server": "off",
};

test("defaults map to the protocol keys only, null speaking rate left to the profile", () => {
  const s = toServerSettings(defaults);
  assert.deepEqual(Object.keys(s).sort(), [...SERVER_KEYS].filter((k) => k !== "speakingRate").sort());
  assert.equal("interpreter" in s, false);
  assert.equal("documentSelector" in s, false);
  assert.equal("trace.server" in s, false);
  assert.equal(s.profile, "jingzhou-2019");
});

test("user values pass through; lexicon paths are expanded", () => {
  const s = toServerSettings({
    ...defaults, speakingRate: 180, rules: { S: false, H201: true }, levels: { S301: "warning" },
    limits: { 请示: { words: { general: 1500, maximum: 2000 } } },
    lexiconPaths: ["${workspaceFolder}/词库", "~/my", ""], allowlist: ["荆州市"], debounceMs: 400,
  }, { workspaceFolder: "/ws", home: "/home/u" });
  assert.equal(s.speakingRate, 180);
  assert.deepEqual(s.rules, { S: false, H201: true });
  assert.deepEqual(s.levels, { S301: "warning" });
  assert.deepEqual(s.limits, { 请示: { words: { general: 1500, maximum: 2000 } } });
  assert.deepEqual(s.lexiconPaths, ["/ws/词库", "/home/u/my"]);
  assert.deepEqual(s.allowlist, ["荆州市"]);
  assert.equal(s.debounceMs, 400);
});

test("object settings of the wrong shape are dropped, not sent", () => {
  const s = toServerSettings({ ...defaults, rules: ["S"], limits: "x" });
  assert.equal("rules" in s, false);
  assert.equal("limits" in s, false);
});

test("document selector: from languages, or the custom one", () => {
  assert.deepEqual(documentSelector(defaults), [
    { scheme: "file", language: "plaintext" }, { scheme: "untitled", language: "plaintext" },
    { scheme: "file", language: "markdown" }, { scheme: "untitled", language: "markdown" },
  ]);
  assert.deepEqual(documentSelector({ ...defaults, languages: [] }).length, 4);
  assert.deepEqual(documentSelector({ ...defaults, documentSelector: [{ pattern: "**/公文/*.txt" }, {}, "x"] }), [{ pattern: "**/公文/*.txt" }]);
});

test("restart only for interpreter, languages and selector changes", () => {
  assert.equal(needsRestart(defaults, { ...defaults }), false);
  assert.equal(needsRestart(defaults, { ...defaults, debounceMs: 300, rules: { S: false } }), false);
  assert.equal(needsRestart(defaults, { ...defaults, interpreter: "/usr/bin/python3" }), true);
  assert.equal(needsRestart(defaults, { ...defaults, languages: ["plaintext"] }), true);
  assert.equal(needsRestart(defaults, { ...defaults, documentSelector: [{ language: "latex" }] }), true);
});

test("trace is on for messages and verbose only", () => {
  assert.equal(traceOn("verbose"), true);
  assert.equal(traceOn("messages"), true);
  assert.equal(traceOn("off"), false);
  assert.equal(traceOn(undefined), false);
  assert.equal(traceOn("Messages"), false);
});
