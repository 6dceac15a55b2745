/**
 * Editor side of interpreter resolution: reads the setting, asks the Python extension when it is
 * installed (an optional dependency — we only talk to its exported API), and runs the probe.
 */
import { execFile } from "child_process";
import * as os from "os";
import * as vscode from "vscode";
import { Interpreter, PROBE_SCRIPT, ProbeVerdict, judgeProbe, resolveInterpreter } from "./core/interpreter";

const PYTHON_EXTENSION_ID = "ms-python.python";

/** The subset of the Python extension's API we use (typed here to avoid a dependency). */
interface PythonApi {
  environments?: {
    getActiveEnvironmentPath(resource?: vscode.Uri): { path: string } | undefined;
    resolveEnvironment(env: { path: string } | string): Promise<{ executable?: { uri?: vscode.Uri } } | undefined>;
    onDidChangeActiveEnvironmentPath?: vscode.Event<unknown>;
  };
  settings?: { getExecutionDetails?(resource?: vscode.Uri): { execCommand?: string[] } };
}

async function pythonApi(): Promise<PythonApi | undefined> {
  const ext = vscode.extensions.getExtension<PythonApi>(PYTHON_EXTENSION_ID);
  if (!ext) {
    return undefined;
  }
  return ext.isActive ? ext.exports : await ext.activate();
}

/** The Python extension's active interpreter for `resource`, if that extension is installed. */
export async function pythonFromExtension(resource?: vscode.Uri): Promise<string | undefined> {
  const api = await pythonApi();
  if (!api) {
    return undefined;
  }
  const envs = api.environments;
  if (envs) {
    const active = envs.getActiveEnvironmentPath(resource);
    if (active) {
      const env = await envs.resolveEnvironment(active);
      const exe = env?.executable?.uri?.fsPath;
      if (exe) {
        return exe;
      }
    }
  }
  const cmd = api.settings?.getExecutionDetails?.(resource)?.execCommand;
  return cmd && cmd.length === 1 ? cmd[0] : undefined;
}

/** Calls `listener` when the user picks another environment in the Python extension. */
export async function onPythonEnvironmentChange(listener: () => void): Promise<vscode.Disposable | undefined> {
  try {
    const api = await pythonApi();
    return api?.environments?.onDidChangeActiveEnvironmentPath?.(listener);
  } catch {
    return undefined;
  }
}

export async function findInterpreter(): Promise<Interpreter> {
  const folder = vscode.workspace.workspaceFolders?.[0];
  return resolveInterpreter({
    setting: vscode.workspace.getConfiguration("wenfeng").get<string>("interpreter"),
    pythonExtension: () => pythonFromExtension(folder?.uri),
    platform: process.platform,
    workspaceFolder: folder?.uri.fsPath,
    home: os.homedir(),
  });
}

/** Runs the probe one-liner with the interpreter and the server's environment (15 s is plenty
 * even for a cold venv). */
export function probe(interp: Interpreter, env: NodeJS.ProcessEnv): Promise<ProbeVerdict> {
  return new Promise((resolve) => {
    execFile(interp.command[0], [...interp.command.slice(1), "-c", PROBE_SCRIPT], { timeout: 15000, windowsHide: true, env },
      (err, stdout, stderr) => {
        const code = err ? (err as NodeJS.ErrnoException).code : undefined;
        if (code === "ENOENT" || code === "EACCES") {
          resolve(judgeProbe({ spawnError: `${code}：${err?.message ?? ""}` }));
          return;
        }
        resolve(judgeProbe({ stdout, stderr, exitCode: err ? (typeof code === "number" ? code : 1) : 0 }));
      });
  });
}
