import assert from "node:assert/strict";
import { test } from "node:test";
import { TrimCut, TrimPlan, appliedMessage, isTrimPlan, pickedSaving, trimItems } from "../src/core/trim";

const range = { start: { line: 4, character: 10 }, end: { line: 4, character: 20 } };

function cut(id: number, grade: TrimCut["grade"], saves: number): TrimCut {
  const labels = { safe: "安全", likely: "较稳妥", review: "需斟酌" };
  return {
    id, range, removed: "高度重视，", replacement: "", saves, grade, gradeLabel: labels[grade], classLabel: "套话",
    reason: "只表态度，没有事实或任务", location: "第 3 段（二、工作安排）",
    context: { text: "…各单位要［高度重视，］于6月底前…", result: "…各单位要于6月底前…" },
  };
}

function plan(over: Partial<TrimPlan> = {}): TrimPlan {
  return {
    uri: "file:///d/请示.txt", version: 3, target: "general", limit: 1500, before: 1530, after: 1490, saved: 40,
    reaches: true, remaining: 0, headline: "采纳这 3 处 → 1,490 字（一般限额 1,500 字以内）",
    cuts: [cut(0, "safe", 2), cut(1, "likely", 10), cut(2, "review", 28)],
    edits: [{ range, newText: "", cuts: [0] }],
    ...over,
  };
}

test("a plan is recognised by its shape", () => {
  assert.ok(isTrimPlan(plan()));
  assert.ok(!isTrimPlan(null));
  assert.ok(!isTrimPlan({ uri: "x", cuts: [{ id: 0 }], edits: [] }));
  assert.ok(!isTrimPlan({ ...plan(), edits: [{ range: { start: 1 }, newText: "" }] }));
});

test("the checklist: grade and saving in the label, context and reason below, safe cuts ticked", () => {
  const items = trimItems(plan());
  assert.deepEqual(items.map((i) => i.id), [0, 1, 2]);
  assert.deepEqual(items.map((i) => i.picked), [true, false, false]);
  assert.match(items[1].label, /较稳妥·套话 · 减 10 字/);
  assert.match(items[1].description, /^第 3 段（二、工作安排） · …各单位要［高度重视，］于6月底前…$/);
  assert.match(items[1].detail, /改为 …各单位要于6月底前… · 理由：只表态度/);
});

test("the ticked cuts add up", () => {
  assert.equal(pickedSaving(plan(), [0, 2]), 30);
  assert.equal(pickedSaving(plan(), []), 0);
});

test("after applying: count, saving, and where it lands", () => {
  const narrowed = plan({ cuts: [cut(0, "safe", 2)], after: 1528, saved: 2, reaches: false, remaining: 28 });
  assert.equal(appliedMessage(narrowed), "文风：已精简 1 处，减少 2 字 → 1,528 字（仍超出一般限额 28 字）");
  assert.equal(appliedMessage(plan()), "文风：已精简 3 处，减少 40 字 → 1,490 字（一般限额 1,500 字以内）");
});
