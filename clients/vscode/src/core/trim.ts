/**
 * 压到限额 (trim to the limit): the plan `wenfeng.server.trimPlan` returns (docs/PROTOCOL.md) and
 * how the checklist shows it — one item per cut with its grade and saving, the safe ones ticked,
 * and what the ticked cuts add up to.  Pure (no `vscode` import), so `node --test` runs it.
 */

export type Grade = "safe" | "likely" | "review";

export interface LspRange {
  start: { line: number; character: number };
  end: { line: number; character: number };
}

export interface TrimCut {
  id: number;
  range: LspRange;
  removed: string;
  replacement: string;
  saves: number;
  grade: Grade;
  gradeLabel: string;
  classLabel: string;
  reason: string;
  location: string;
  context: { text: string; result: string };
}

export interface TrimEdit {
  range: LspRange;
  newText: string;
  cuts: number[];
}

export interface TrimPlan {
  uri: string;
  version?: number | null;
  target: "general" | "maximum";
  doctype?: string;
  limit?: number | null;
  before?: number;
  after?: number;
  saved?: number;
  reaches?: boolean;
  remaining?: number;
  headline?: string;
  advice?: string;
  error?: string;
  cuts: TrimCut[];
  edits: TrimEdit[];
}

export interface TrimItem {
  id: number;
  label: string;
  description: string;
  detail: string;
  picked: boolean;
}

function isRange(x: unknown): x is LspRange {
  const r = x as LspRange;
  return typeof r === "object" && r !== null && typeof r.start?.line === "number" && typeof r.start?.character === "number"
    && typeof r.end?.line === "number" && typeof r.end?.character === "number";
}

/** Whether `x` has the shape of a trim plan (the server may be older or broken). */
export function isTrimPlan(x: unknown): x is TrimPlan {
  const p = x as TrimPlan;
  return typeof p === "object" && p !== null && typeof p.uri === "string" && Array.isArray(p.cuts) && Array.isArray(p.edits)
    && p.cuts.every((c) => typeof c?.id === "number" && isRange(c.range) && typeof c.saves === "number")
    && p.edits.every((e) => isRange(e?.range) && typeof e.newText === "string");
}

const GRADE_ICONS: Record<Grade, string> = { safe: "$(pass)", likely: "$(info)", review: "$(warning)" };

/** The checklist: one item per cut, in document order; safe cuts ticked. */
export function trimItems(plan: TrimPlan): TrimItem[] {
  return plan.cuts.map((c) => ({
    id: c.id,
    label: `${GRADE_ICONS[c.grade] ?? ""} ${c.gradeLabel}·${c.classLabel} · 减 ${c.saves} 字`.trim(),
    description: `${c.location} · ${c.context.text}`,
    detail: `改为 ${c.context.result} · 理由：${c.reason}`,
    picked: c.grade === "safe",
  }));
}

/** What the ticked cuts save, roughly (cuts are counted alone; the server's narrowed plan is exact). */
export function pickedSaving(plan: TrimPlan, ids: Iterable<number>): number {
  const wanted = new Set(ids);
  return plan.cuts.filter((c) => wanted.has(c.id)).reduce((sum, c) => sum + c.saves, 0);
}

/** The checklist's title line: where the plan gets and what it needs. */
export function trimTitle(plan: TrimPlan): string {
  return `文风：精简到限额 — ${plan.headline ?? ""}`;
}

/** After applying: "已精简 5 处，减少 64 字 → 1,488 字（一般限额 1,500 字以内）". */
export function appliedMessage(narrowed: TrimPlan): string {
  const after = (narrowed.after ?? 0).toLocaleString("en-US");
  const limit = narrowed.limit ? narrowed.limit.toLocaleString("en-US") : "";
  const label = narrowed.target === "maximum" ? "最高限额" : "一般限额";
  const where = !narrowed.limit ? "" : narrowed.reaches ? `（${label} ${limit} 字以内）` : `（仍超出${label} ${(narrowed.remaining ?? 0).toLocaleString("en-US")} 字）`;
  return `文风：已精简 ${narrowed.cuts.length} 处，减少 ${narrowed.saved ?? 0} 字 → ${after} 字${where}`;
}
