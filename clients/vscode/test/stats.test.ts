import assert from "node:assert/strict";
import { test } from "node:test";
import { Stats, doctypeChoices, formatNumber, isStats, statusDetail, viewForState, viewForStats } from "../src/core/stats";

function stats(over: Partial<Stats> = {}): Stats {
  return {
    uri: "file:///d/draft.txt", version: 7, doctype: "请示", doctypeHow: "title", detected: "请示", profile: "jingzhou-2019",
    counts: { words: 1432, han: 1388, charsNoSpaces: 1460, paragraphs: 9, pages: 3, minutes: 7.2, rate: 200 },
    limits: [{ metric: "words", value: 1432, general: 1500, maximum: 2000, unit: "字", state: "ok", source: "《若干措施》第6条" }],
    state: "ok", statusText: "请示 1,432/1,500字",
    ...over,
  };
}

test("numbers get thousands separators and at most one decimal", () => {
  assert.equal(formatNumber(0), "0");
  assert.equal(formatNumber(999), "999");
  assert.equal(formatNumber(1432), "1,432");
  assert.equal(formatNumber(1234567), "1,234,567");
  assert.equal(formatNumber(7.25), "7.3");
  assert.equal(formatNumber(NaN), "?");
});

test("the status text is the server's, not formatted again", () => {
  // numbers and text disagree on purpose: the text shown must be the payload's statusText
  const s = stats({ statusText: "讲话 约16.5/15分钟", counts: { words: 3300 } });
  assert.equal(viewForStats(s).text, "讲话 约16.5/15分钟");
  assert.equal(viewForStats(stats({ doctype: "未识别", limits: [], statusText: "未识别文种 1,432字" })).text, "未识别文种 1,432字");
});

test("severity follows the worst state", () => {
  assert.equal(viewForStats(stats()).severity, "info");
  assert.equal(viewForStats(stats({ state: "warning" })).severity, "warning");
  assert.equal(viewForStats(stats({ state: "error" })).severity, "error");
  assert.equal(viewForState("starting").busy, true);
  assert.equal(viewForState("notInstalled").severity, "error");
  assert.notEqual(viewForState("failed").text, viewForState("notInstalled").text);
});

test("detail names the limits, their source and the counts", () => {
  const d = statusDetail(stats({ state: "warning", limits: [{ metric: "words", value: 1600, general: 1500, maximum: 2000, unit: "字", state: "warning", source: "《若干措施》第6条" }] }));
  assert.equal(d[0], "文种：请示（按标题识别）");
  assert.equal(d[1], "字数：1,600字（一般 1,500字，最多 2,000字；超过一般篇幅） 依据《若干措施》第6条");
  assert.match(d[2], /段落 9/);
  assert.match(d[2], /朗读约 7.2 分钟（200 字\/分钟）/);
  const manual = statusDetail(stats({ doctype: "专项报告", doctypeHow: "manual", detected: "请示" }));
  assert.equal(manual[0], "文种：专项报告（手动选择），检测为 请示");
});

test("payload check rejects malformed stats", () => {
  assert.equal(isStats(stats()), true);
  assert.equal(isStats(null), false);
  assert.equal(isStats({ uri: "x", doctype: "请示", counts: {}, limits: [], statusText: "请示 0/1,500字" }), false);
  const noText: Record<string, unknown> = { ...stats() };
  delete noText.statusText;
  assert.equal(isStats(noText), false);
  assert.equal(isStats({ uri: "x", doctype: "请示", counts: { words: 1 }, limits: null }), false);
});

test("doctype picker: detected first, no duplicates, automatic last", () => {
  const items = doctypeChoices({ current: "专项报告", detected: "请示", doctypes: ["通知", "请示", "专项报告"] });
  assert.deepEqual(items.map((i) => i.label), ["请示", "通知", "专项报告", "自动识别"]);
  assert.equal(items[0].description, "检测");
  assert.equal(items[2].description, "当前");
  assert.equal(items[2].picked, true);
  assert.equal(items[3].value, "");
  const undetected = doctypeChoices({ current: null, detected: "未识别", doctypes: ["通知"] });
  assert.deepEqual(undetected.map((i) => i.label), ["通知", "自动识别"]);
});
