import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import { COMMANDS } from "../src/core/ids";
import { CLIENT_KEYS, RESTART_KEYS, SERVER_KEYS, SETTING_KEYS } from "../src/core/settings";

// compiled to out/test/: package.json is two folders up
const pkg = JSON.parse(readFileSync(join(__dirname, "..", "..", "package.json"), "utf-8"));

test("package.json declares exactly the commands the extension registers", () => {
  const declared = (pkg.contributes.commands as { command: string }[]).map((c) => c.command).sort();
  assert.deepEqual(declared, Object.values(COMMANDS).sort());
});

test("package.json declares exactly the settings the extension reads", () => {
  const declared = Object.keys(pkg.contributes.configuration.properties).map((k) => k.replace(/^wenfeng\./, "")).sort();
  assert.deepEqual(declared, [...SETTING_KEYS].sort());
  assert.equal(new Set(SETTING_KEYS).size, SETTING_KEYS.length, "a key is both a server and a client key");
  for (const k of RESTART_KEYS) {
    assert.ok(SETTING_KEYS.includes(k), k);
  }
  assert.ok(SERVER_KEYS.every((k) => !(CLIENT_KEYS as readonly string[]).includes(k)));
});

/**
 * VS Code's command palette matches what is typed against the label "<category>: <title>" and,
 * for localized strings ({value, original}), the alias "<category.original>: <title.original>"
 * (workbench/contrib/quickaccess/browser/commandsQuickAccess.ts, 1.100).  Its word filter treats
 * only ASCII punctuation as separators, so "文风：精简全文" (full-width colon) matches only text that
 * contains it verbatim: the alias carries it, with English and pinyin keywords.  The e2e run types
 * these queries into a real palette.
 */
test("every command is found as 文风：…, by wenfeng and by English/pinyin keywords", () => {
  for (const c of pkg.contributes.commands as { command: string; category: { value: string; original: string }; title: { value: string; original: string } }[]) {
    assert.equal(c.category.value, "文风", c.command);
    assert.equal(c.category.original, "wenfeng", c.command);
    const alias = `${c.category.original}: ${c.title.original}`;
    assert.ok(alias.includes(`文风：${c.title.value}`), alias);
    assert.match(c.title.original, / · [A-Z][a-z]+( [a-z]+)*.* · [a-z]+( [a-z]+)*$/, `English, then pinyin: ${c.title.original}`);
  }
});
