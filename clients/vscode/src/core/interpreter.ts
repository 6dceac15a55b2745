/**
 * Which Python runs the server, and is it usable?  Pure logic (no `vscode` import) so the
 * resolution order and the probe verdicts are unit-tested; the editor wiring lives in
 * `../python.ts`.
 *
 * Order: setting `wenfeng.interpreter` → the Python extension's active environment (only when
 * that extension is installed) → `python3` on PATH (`python` on Windows).
 */

export type InterpreterSource = "setting" | "pythonExtension" | "path";

export interface Interpreter {
  /** Executable followed by fixed leading arguments (e.g. `["py", "-3"]`). */
  command: string[];
  source: InterpreterSource;
}

export interface ResolveInputs {
  /** Raw value of `wenfeng.interpreter` ("" or undefined = not set). */
  setting: string | undefined;
  /** Asks the Python extension; resolves undefined when it is absent or has no environment. */
  pythonExtension: () => Promise<string | undefined>;
  platform: NodeJS.Platform;
  /** For `${workspaceFolder}` in the setting. */
  workspaceFolder?: string;
  home?: string;
}

/** Expands `~` and `${workspaceFolder}` / `${userHome}` in a user-written path. */
export function expandPath(raw: string, workspaceFolder?: string, home?: string): string {
  let s = raw.trim();
  if (home && (s === "~" || s.startsWith("~/"))) {
    s = home + s.slice(1);
  }
  if (home) {
    s = s.split("${userHome}").join(home);
  }
  if (workspaceFolder) {
    s = s.split("${workspaceFolder}").join(workspaceFolder);
  }
  return s;
}

export async function resolveInterpreter(inputs: ResolveInputs): Promise<Interpreter> {
  const set = (inputs.setting ?? "").trim();
  if (set) {
    return { command: [expandPath(set, inputs.workspaceFolder, inputs.home)], source: "setting" };
  }
  let fromExt: string | undefined;
  try {
    fromExt = await inputs.pythonExtension();
  } catch {
    fromExt = undefined; // a broken or still-activating Python extension must not block us
  }
  if (fromExt && fromExt.trim()) {
    return { command: [fromExt.trim()], source: "pythonExtension" };
  }
  return { command: [inputs.platform === "win32" ? "python" : "python3"], source: "path" };
}

/**
 * A one-liner run with the interpreter: prints its version and whether `wenfeng` imports.
 * Printing JSON keeps the parse trivial and independent of the interpreter's locale.
 */
export const PROBE_SCRIPT = [
  "import json, sys",
  "r = {'version': list(sys.version_info[:3]), 'executable': sys.executable, 'wenfeng': None, 'error': None}",
  "try:",
  "    import wenfeng",
  "    r['wenfeng'] = getattr(wenfeng, '__version__', '?')",
  "except Exception as e:",
  "    r['error'] = type(e).__name__ + ': ' + str(e)",
  "print(json.dumps(r))",
].join("\n");

export const MIN_PYTHON: [number, number] = [3, 10];

export type ProbeVerdict =
  | { ok: true; version: string; executable: string; wenfeng: string }
  | { ok: false; problem: "notFound" | "tooOld" | "notInstalled" | "broken"; detail: string; version?: string };

/** Decides from the probe's result (or the spawn error) whether the server can start. */
export function judgeProbe(result: { stdout?: string; spawnError?: string; exitCode?: number | null; stderr?: string }): ProbeVerdict {
  if (result.spawnError) {
    return { ok: false, problem: "notFound", detail: result.spawnError };
  }
  const line = (result.stdout ?? "").trim().split(/\r?\n/).pop() ?? "";
  let parsed: { version?: number[]; executable?: string; wenfeng?: string | null; error?: string | null };
  try {
    parsed = JSON.parse(line);
  } catch {
    // Python 2 or something that is not Python at all: the script is a syntax error there.
    const why = (result.stderr ?? "").trim().split(/\r?\n/).pop() || `退出码 ${result.exitCode ?? "?"}`;
    return { ok: false, problem: "broken", detail: why };
  }
  const v = parsed.version ?? [];
  const version = v.join(".");
  if (v.length < 2 || v[0] < MIN_PYTHON[0] || (v[0] === MIN_PYTHON[0] && v[1] < MIN_PYTHON[1])) {
    return { ok: false, problem: "tooOld", detail: `Python ${version}`, version };
  }
  if (!parsed.wenfeng) {
    return { ok: false, problem: "notInstalled", detail: parsed.error ?? "wenfeng 未安装", version };
  }
  return { ok: true, version, executable: parsed.executable ?? "", wenfeng: parsed.wenfeng };
}

/** Quotes one argument for a POSIX shell or cmd.exe, only when needed. */
export function shellQuote(arg: string, platform: NodeJS.Platform): string {
  if (/^[\w@%+=:,./\\-]+$/.test(arg)) {
    return arg;
  }
  if (platform === "win32") {
    return `"${arg.replace(/"/g, '""')}"`;
  }
  return `'${arg.replace(/'/g, `'\\''`)}'`;
}

/**
 * Where the server's Python packages come from (the name and values of Microsoft's Python-tools
 * template): `useBundled` puts the extension's `bundled/libs` (wenfeng and its pure-Python
 * dependencies) first on `PYTHONPATH`, so nothing needs to be installed; `fromEnvironment` uses
 * the wenfeng installed in the interpreter (a newer or a development version).
 */
export type ImportStrategy = "useBundled" | "fromEnvironment";

export function importStrategy(raw: unknown): ImportStrategy {
  return raw === "fromEnvironment" ? "fromEnvironment" : "useBundled";
}

/** The environment for the probe and the server: `PYTHONPATH` led by the bundled libraries. */
export function serverEnv(strategy: ImportStrategy, libs: string, base: NodeJS.ProcessEnv,
  platform: NodeJS.Platform): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...base, PYTHONIOENCODING: "utf-8", PYTHONUTF8: "1" };
  if (strategy === "useBundled") {
    const sep = platform === "win32" ? ";" : ":";
    env.PYTHONPATH = base.PYTHONPATH ? `${libs}${sep}${base.PYTHONPATH}` : libs;
  }
  return env;
}

/**
 * The command that installs the server into the chosen interpreter: the wenfeng wheel shipped in
 * the extension (`bundled/wheels/`), its dependencies from PyPI.  (wenfeng is not on PyPI.)
 */
export function installCommand(interp: Interpreter, platform: NodeJS.Platform, wheel: string): string {
  return [...interp.command, "-m", "pip", "install", wheel].map((a) => shellQuote(a, platform)).join(" ");
}

/** The Chinese message shown when the server cannot start, per verdict. */
export function problemMessage(verdict: Exclude<ProbeVerdict, { ok: true }>, interp: Interpreter, platform: NodeJS.Platform,
  wheel: string, strategy: ImportStrategy = "fromEnvironment"): string {
  const shown = interp.command.join(" ");
  const where = {
    setting: "（来自设置 wenfeng.interpreter）",
    pythonExtension: "（来自 Python 扩展选中的环境）",
    path: "（PATH 上的默认 Python）",
  }[interp.source];
  switch (verdict.problem) {
    case "notFound":
      return `文风：找不到 Python 解释器 “${shown}”${where}。请安装 Python ${MIN_PYTHON.join(".")} 或更高版本，或在设置 wenfeng.interpreter 中填写解释器路径。`;
    case "tooOld":
      return `文风：Python ${verdict.version} 太旧${where}，需要 ${MIN_PYTHON.join(".")} 或更高版本。请在设置 wenfeng.interpreter 中改用较新的解释器。`;
    case "broken":
      return `文风：无法运行 “${shown}”${where}：${verdict.detail}。请检查设置 wenfeng.interpreter。`;
    case "notInstalled":
      return strategy === "useBundled"
        ? `文风：扩展自带的 wenfeng 无法在 ${shown}${where} 中载入（${verdict.detail}）。请重新安装本扩展。`
        : `文风：${shown}${where} 中没有安装 wenfeng（设置 wenfeng.importStrategy 为 fromEnvironment）。`
          + `可改用扩展自带的版本（点“改用自带版本”），或在终端运行：${installCommand(interp, platform, wheel)}，然后点“重试”。`;
  }
}
