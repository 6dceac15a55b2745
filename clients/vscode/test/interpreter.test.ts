import assert from "node:assert/strict";
import { test } from "node:test";
import { expandPath, importStrategy, installCommand, judgeProbe, problemMessage, resolveInterpreter, serverEnv, shellQuote } from "../src/core/interpreter";

const never = async (): Promise<string | undefined> => {
  throw new Error("the Python extension must not be asked when the setting is set");
};

test("the setting wins and is expanded", async () => {
  const r = await resolveInterpreter({ setting: "${workspaceFolder}/.venv/bin/python", pythonExtension: never, platform: "linux", workspaceFolder: "/ws" });
  assert.deepEqual(r, { command: ["/ws/.venv/bin/python"], source: "setting" });
  const h = await resolveInterpreter({ setting: " ~/py/bin/python3 ", pythonExtension: never, platform: "linux", home: "/home/u" });
  assert.deepEqual(h.command, ["/home/u/py/bin/python3"]);
});

test("then the Python extension's environment", async () => {
  const r = await resolveInterpreter({ setting: "", pythonExtension: async () => "/envs/a/bin/python", platform: "linux" });
  assert.deepEqual(r, { command: ["/envs/a/bin/python"], source: "pythonExtension" });
});

test("then python3 on PATH (python on Windows), also when the extension throws", async () => {
  const none = await resolveInterpreter({ setting: undefined, pythonExtension: async () => undefined, platform: "linux" });
  assert.deepEqual(none, { command: ["python3"], source: "path" });
  const broken = await resolveInterpreter({ setting: "  ", pythonExtension: async () => { throw new Error("x"); }, platform: "win32" });
  assert.deepEqual(broken, { command: ["python"], source: "path" });
});

test("expandPath leaves ordinary paths alone", () => {
  assert.equal(expandPath("/usr/bin/python3", "/ws", "/h"), "/usr/bin/python3");
  assert.equal(expandPath("a~b", "/ws", "/h"), "a~b");
  assert.equal(expandPath("${userHome}/x", undefined, "/h"), "/h/x");
});

const out = (o: object) => ({ stdout: "noise\n" + JSON.stringify(o) + "\n", exitCode: 0 });

test("probe verdicts", () => {
  assert.deepEqual(judgeProbe(out({ version: [3, 11, 7], executable: "/v/python", wenfeng: "0.1.0", error: null })),
    { ok: true, version: "3.11.7", executable: "/v/python", wenfeng: "0.1.0" });
  const old = judgeProbe(out({ version: [3, 9, 18], wenfeng: "0.1.0" }));
  assert.equal(old.ok, false);
  assert.equal(!old.ok && old.problem, "tooOld");
  const edge = judgeProbe(out({ version: [3, 10, 0], wenfeng: "0.1.0" }));
  assert.equal(edge.ok, true);
  const missing = judgeProbe(out({ version: [3, 12, 1], wenfeng: null, error: "ModuleNotFoundError: No module named 'wenfeng'" }));
  assert.deepEqual(missing, { ok: false, problem: "notInstalled", detail: "ModuleNotFoundError: No module named 'wenfeng'", version: "3.12.1" });
  assert.equal((judgeProbe({ spawnError: "ENOENT" }) as { problem: string }).problem, "notFound");
  const py2 = judgeProbe({ stdout: "", stderr: "  File \"<string>\", line 1\nSyntaxError: invalid syntax", exitCode: 1 });
  assert.deepEqual(py2, { ok: false, problem: "broken", detail: "SyntaxError: invalid syntax" });
});

const WHEEL = "/ext/bundled/wheels/wenfeng-0.1.0-py3-none-any.whl";

test("the install command installs the shipped wheel into the chosen interpreter, quoted for the shell", () => {
  assert.equal(installCommand({ command: ["/opt/py 3/bin/python"], source: "setting" }, "linux", WHEEL),
    `'/opt/py 3/bin/python' -m pip install ${WHEEL}`);
  assert.equal(installCommand({ command: ["python3"], source: "path" }, "linux", WHEEL), `python3 -m pip install ${WHEEL}`);
  assert.equal(installCommand({ command: ["C:\\Program Files\\Python\\python.exe"], source: "pythonExtension" }, "win32", "C:\\ext\\w.whl"),
    "\"C:\\Program Files\\Python\\python.exe\" -m pip install C:\\ext\\w.whl");
  assert.equal(shellQuote("it's", "linux"), "'it'\\''s'");
});

test("no message ever suggests installing wenfeng from PyPI (it is not published there)", () => {
  for (const strategy of ["useBundled", "fromEnvironment"] as const) {
    const msg = problemMessage({ ok: false, problem: "notInstalled", detail: "x", version: "3.11.7" }, { command: ["python3"], source: "path" }, "linux", WHEEL, strategy);
    assert.doesNotMatch(msg, /pip install wenfeng\b/);
  }
});

test("the not-installed message names the shipped wheel, the bundled fallback and the retry button", () => {
  const msg = problemMessage({ ok: false, problem: "notInstalled", detail: "x", version: "3.11.7" }, { command: ["python3"], source: "path" }, "linux", WHEEL, "fromEnvironment");
  assert.ok(msg.includes(`python3 -m pip install ${WHEEL}`), msg);
  assert.match(msg, /改用自带版本/);
  assert.match(msg, /重试/);
  const bundled = problemMessage({ ok: false, problem: "notInstalled", detail: "No module named 'pygls'", version: "3.11.7" }, { command: ["python3"], source: "path" }, "linux", WHEEL, "useBundled");
  assert.match(bundled, /重新安装本扩展/);
  assert.match(bundled, /pygls/);
  const old = problemMessage({ ok: false, problem: "tooOld", detail: "Python 3.8.10", version: "3.8.10" }, { command: ["/usr/bin/python3"], source: "setting" }, "linux", WHEEL);
  assert.match(old, /3\.8\.10/);
  assert.match(old, /3\.10/);
  assert.match(old, /wenfeng\.interpreter/);
});

test("the bundled libraries lead PYTHONPATH only with useBundled", () => {
  const base = { PATH: "/bin", PYTHONPATH: "/mine" };
  assert.equal(serverEnv("useBundled", "/ext/bundled/libs", base, "linux").PYTHONPATH, "/ext/bundled/libs:/mine");
  assert.equal(serverEnv("useBundled", "C:\\e\\libs", {}, "win32").PYTHONPATH, "C:\\e\\libs");
  assert.equal(serverEnv("fromEnvironment", "/ext/bundled/libs", base, "linux").PYTHONPATH, "/mine");
  assert.equal(serverEnv("useBundled", "/l", base, "linux").PYTHONIOENCODING, "utf-8");
  assert.equal(importStrategy("fromEnvironment"), "fromEnvironment");
  assert.equal(importStrategy(undefined), "useBundled");
  assert.equal(importStrategy("nonsense"), "useBundled");
});
