/**
 * The `wenfeng/stats` object (docs/PROTOCOL.md) and how the client shows it: the status text
 * "请示 1,432/1,500字" is the server's `statusText` (one wording for the CLI, the server and the
 * editor); its severity and the longer detail are derived here from the numbers.
 */

export type LimitState = "ok" | "warning" | "error";

export interface LimitInfo {
  metric: string; // "words" | "pages" | "minutes"
  value: number;
  general?: number | null;
  maximum?: number | null;
  unit: string;
  state: LimitState;
  source?: string;
}

export interface Stats {
  uri: string;
  version?: number | null;
  doctype: string;
  doctypeHow?: string;
  detected?: string | null;
  profile?: string;
  counts: { words: number; han?: number; charsNoSpaces?: number; paragraphs?: number; pages?: number; minutes?: number; rate?: number };
  limits: LimitInfo[];
  state: LimitState;
  statusText: string;
}

export const UNRECOGNISED = "未识别";

const INT = new Intl.NumberFormat("en-US", { maximumFractionDigits: 0 });
const DEC = new Intl.NumberFormat("en-US", { maximumFractionDigits: 1 });

/** 1432 → "1,432"; 7.25 → "7.3" (one decimal only where the value is fractional). */
export function formatNumber(n: number): string {
  if (!Number.isFinite(n)) {
    return "?";
  }
  return Number.isInteger(n) ? INT.format(n) : DEC.format(n);
}

const STATE_WORDS: Record<LimitState, string> = { ok: "未超限", warning: "超过一般篇幅", error: "超过最多篇幅" };
const METRIC_NAMES: Record<string, string> = { words: "字数", pages: "页数", minutes: "时长" };
const HOW: Record<string, string> = { title: "按标题识别", marker: "按文种标记", manual: "手动选择", setting: "按设置" };

/** Multi-line detail for the status item hover and "文风：显示统计". */
export function statusDetail(s: Stats): string[] {
  const lines: string[] = [];
  const how = s.doctypeHow ? HOW[s.doctypeHow] ?? s.doctypeHow : "";
  lines.push(`文种：${s.doctype || UNRECOGNISED}${how ? `（${how}）` : ""}${s.detected && s.detected !== s.doctype ? `，检测为 ${s.detected}` : ""}`);
  for (const l of s.limits) {
    const caps = [
      l.general !== undefined && l.general !== null ? `一般 ${formatNumber(l.general)}${l.unit}` : "",
      l.maximum !== undefined && l.maximum !== null ? `最多 ${formatNumber(l.maximum)}${l.unit}` : "",
    ].filter(Boolean).join("，");
    lines.push(`${METRIC_NAMES[l.metric] ?? l.metric}：${formatNumber(l.value)}${l.unit}（${caps}${caps ? "；" : ""}${STATE_WORDS[l.state]}）${l.source ? ` 依据${l.source}` : ""}`);
  }
  const c = s.counts;
  const extra = [
    `字数 ${formatNumber(c.words)}`,
    c.han !== undefined ? `汉字 ${formatNumber(c.han)}` : "",
    c.charsNoSpaces !== undefined ? `字符（不含空格） ${formatNumber(c.charsNoSpaces)}` : "",
    c.paragraphs !== undefined ? `段落 ${formatNumber(c.paragraphs)}` : "",
    c.pages !== undefined ? `约 ${formatNumber(c.pages)} 页` : "",
    c.minutes !== undefined ? `朗读约 ${formatNumber(c.minutes)} 分钟${c.rate ? `（${formatNumber(c.rate)} 字/分钟）` : ""}` : "",
  ].filter(Boolean);
  lines.push(extra.join("，"));
  if (s.profile) {
    lines.push(`限额方案：${s.profile}`);
  }
  return lines;
}

/** What the status item shows, including the states before any stats arrive. */
export type StatusView = { text: string; severity: "info" | "warning" | "error"; detail: string; busy: boolean };

export function viewForStats(s: Stats): StatusView {
  const severity = s.state === "error" ? "error" : s.state === "warning" ? "warning" : "info";
  return { text: s.statusText, severity, detail: statusDetail(s).join("\n"), busy: false };
}

export function viewForState(state: "starting" | "notInstalled" | "failed" | "waiting"): StatusView {
  switch (state) {
    case "starting":
      return { text: "文风 启动中", severity: "info", detail: "正在启动语言服务器", busy: true };
    case "waiting":
      return { text: "文风 检查中", severity: "info", detail: "等待服务器的统计结果", busy: true };
    case "notInstalled":
      return { text: "文风 未安装", severity: "error", detail: "所选 Python 中没有 wenfeng，点击查看安装方法", busy: false };
    case "failed":
      return { text: "文风 未运行", severity: "error", detail: "语言服务器未能启动，点击查看日志", busy: false };
  }
}

/** Loose runtime check of a `wenfeng/stats` payload (a server bug must not break the UI). */
export function isStats(x: unknown): x is Stats {
  if (!x || typeof x !== "object") {
    return false;
  }
  const o = x as Record<string, unknown>;
  return typeof o.uri === "string" && typeof o.doctype === "string" && typeof o.statusText === "string"
    && !!o.counts && typeof o.counts === "object"
    && typeof (o.counts as Record<string, unknown>).words === "number" && Array.isArray(o.limits);
}

/** Quick-pick entries for the 文种 picker: detected first, then the rest in the server's order. */
export interface DoctypeChoice { label: string; value: string; description?: string; picked?: boolean }

export function doctypeChoices(list: { current?: string | null; detected?: string | null; doctypes: string[] }): DoctypeChoice[] {
  const seen = new Set<string>();
  const ordered: string[] = [];
  for (const d of [list.detected, ...list.doctypes]) {
    if (d && d !== UNRECOGNISED && !seen.has(d)) {
      seen.add(d);
      ordered.push(d);
    }
  }
  const items: DoctypeChoice[] = ordered.map((d) => ({
    label: d,
    value: d,
    description: [d === list.detected ? "检测" : "", d === list.current ? "当前" : ""].filter(Boolean).join(" · ") || undefined,
    picked: d === list.current,
  }));
  items.push({ label: "自动识别", value: "", description: "按标题或文种标记重新识别" });
  return items;
}
