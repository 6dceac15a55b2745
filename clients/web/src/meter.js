// The meter line from a wenfeng/stats payload (docs/PROTOCOL.md):
// "请示 1,432 / 1,500 字 · 约 3 页", plus minutes for spoken 文种 ("讲话 … · 约 7.2 / 15 分钟").
const SPOKEN = new Set(["讲话", "主持词", "汇报材料"]);
const number = (x) => (typeof x === "number" ? x.toLocaleString("en-US") : String(x));

function against(value, limit, unit) {
  if (!limit) return `${number(value)} ${unit}`;
  const bound = limit.general ?? limit.maximum;
  return `${number(value)} / ${number(bound)} ${unit}`;
}

export function meterText(stats) {
  const counts = stats.counts || {};
  const limits = Object.fromEntries((stats.limits || []).map((l) => [l.metric, l]));
  const name = stats.doctype && stats.doctype !== "未识别" ? stats.doctype : "未识别文种";
  const parts = [`${name} ${against(counts.words ?? 0, limits.words, "字")}`,
    `约 ${against(counts.pages ?? 0, limits.pages, "页")}`];
  if (SPOKEN.has(stats.doctype) || limits.minutes) parts.push(`约 ${against(counts.minutes ?? 0, limits.minutes, "分钟")}`);
  if (stats.complete === false) parts.push("检查中…");
  return parts.join(" · ");
}
