/**
 * Owns the language client: probe the interpreter, start `<python> -m wenfeng serve`, restart on
 * demand or when a restart-relevant setting changes, push the other settings live, and explain in
 * Chinese (with the exact install command) when the server cannot start.
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import * as vscode from "vscode";
import {
  DidChangeConfigurationNotification,
  ExecuteCommandRequest,
  LanguageClient,
  LanguageClientOptions,
  RevealOutputChannelOn,
  ServerOptions,
} from "vscode-languageclient/node";
import { ImportStrategy, Interpreter, importStrategy, installCommand, problemMessage, serverEnv } from "./core/interpreter";
import { RawSettings, SETTING_KEYS, documentSelector, needsRestart, toServerSettings } from "./core/settings";
import { COMMANDS, SERVER_COMMANDS } from "./core/ids";
import { Stats, isStats } from "./core/stats";
import { findInterpreter, probe } from "./python";
import { StatusController } from "./status";

export const CLIENT_ID = "wenfeng";
const SECTION = "wenfeng";

/** Every `wenfeng.*` value as a plain object (defaults included). */
export function rawSettings(scope?: vscode.Uri): RawSettings {
  const cfg = vscode.workspace.getConfiguration(SECTION, scope);
  return Object.fromEntries(SETTING_KEYS.map((k) => [k, cfg.get(k)]));
}

function serverSettings(scope?: vscode.Uri) {
  const folder = (scope && vscode.workspace.getWorkspaceFolder(scope)) ?? vscode.workspace.workspaceFolders?.[0];
  return toServerSettings(rawSettings(scope), { workspaceFolder: folder?.uri.fsPath, home: os.homedir() });
}

/** The server shipped inside the extension (see scripts/bundle_python.py). */
export interface Bundle {
  /** `bundled/libs`: wenfeng and its pure-Python dependencies, put on PYTHONPATH. */
  libs: string;
  /** The wenfeng wheel in `bundled/wheels/`, for installing into an interpreter. */
  wheel: string;
}

export function findBundle(extensionPath: string): Bundle {
  const wheels = path.join(extensionPath, "bundled", "wheels");
  let wheel = "";
  try {
    wheel = fs.readdirSync(wheels).find((f) => /^wenfeng-.*\.whl$/.test(f)) ?? "";
  } catch {
    // a development checkout without `scripts/bundle_python.py` run: only fromEnvironment works
  }
  return { libs: path.join(extensionPath, "bundled", "libs"), wheel: wheel ? path.join(wheels, wheel) : "wenfeng" };
}

export class ServerManager implements vscode.Disposable {
  client: LanguageClient | undefined;
  private settings: RawSettings = rawSettings();
  private queue: Promise<void> = Promise.resolve();
  private readonly subs: vscode.Disposable[] = [];

  constructor(private readonly log: vscode.LogOutputChannel, private readonly trace: vscode.LogOutputChannel,
    private readonly status: StatusController,
    private readonly bundle: Bundle) {
    this.subs.push(
      vscode.workspace.onDidChangeConfiguration((e) => this.onConfigChange(e)),
    );
  }

  /** Start/stop/restart run one at a time, in call order. */
  private serialize(job: () => Promise<void>): Promise<void> {
    this.queue = this.queue.then(job, job).catch((e) => this.log.error(`文风：${String(e)}`));
    return this.queue;
  }

  start(): Promise<void> {
    return this.serialize(() => this.doStart());
  }

  restart(): Promise<void> {
    return this.serialize(async () => {
      await this.doStop();
      await this.doStart();
    });
  }

  stop(): Promise<void> {
    return this.serialize(() => this.doStop());
  }

  private async doStart(): Promise<void> {
    this.settings = rawSettings();
    const selector = documentSelector(this.settings);
    this.status.selector = selector;
    this.status.setState("starting");
    const interp = await findInterpreter();
    const strategy = importStrategy(this.settings.importStrategy);
    const env = serverEnv(strategy, this.bundle.libs, process.env, process.platform);
    this.log.info(`解释器：${interp.command.join(" ")}（来源：${interp.source}），wenfeng 来源：${strategy === "useBundled" ? this.bundle.libs : "解释器环境"}`);
    const verdict = await probe(interp, env);
    if (!verdict.ok) {
      const msg = problemMessage(verdict, interp, process.platform, this.bundle.wheel, strategy);
      this.log.error(`${msg}（${verdict.detail}）`);
      const missing = verdict.problem === "notInstalled" && strategy === "fromEnvironment";
      this.status.setState(missing ? "notInstalled" : "failed");
      void this.explain(msg, missing ? interp : undefined);
      return;
    }
    this.log.info(`Python ${verdict.version}（${verdict.executable}），wenfeng ${verdict.wenfeng}`);

    const serverOptions: ServerOptions = {
      command: interp.command[0],
      args: [...interp.command.slice(1), "-m", "wenfeng", "serve"],
      // No `transport`: with TransportKind.stdio the client appends "--stdio" to the arguments,
      // which `wenfeng serve` does not take (stdio is its default).
      options: { env },
    };
    const clientOptions: LanguageClientOptions = {
      documentSelector: selector as NonNullable<LanguageClientOptions["documentSelector"]>,
      outputChannel: this.log,
      traceOutputChannel: this.trace,
      revealOutputChannelOn: RevealOutputChannelOn.Never,
      initializationOptions: { settings: serverSettings() },
      middleware: {
        // "其他文种…" asks with a message request in other editors; here the quick pick is nicer
        executeCommand: async (command, args, next) => command === SERVER_COMMANDS.pickDoctype
          ? vscode.commands.executeCommand(COMMANDS.chooseDoctype)
          : next(command, args),
        workspace: {
          // Answer `workspace/configuration` for our section with the mapped object (paths
          // expanded, nulls dropped) rather than VS Code's raw values.
          configuration: async (params, token, next) => {
            const raw = await next(params, token);
            if (!Array.isArray(raw)) {
              return raw;
            }
            return params.items.map((item, i) =>
              item.section === SECTION
                ? serverSettings(item.scopeUri ? vscode.Uri.parse(item.scopeUri) : undefined)
                : raw[i]);
          },
        },
      },
    };
    const client = new LanguageClient(CLIENT_ID, "文风", serverOptions, clientOptions);
    // Handlers registered on the client go away with it, so nothing to dispose here.
    client.onNotification("wenfeng/stats", (s: unknown) => {
      if (isStats(s)) {
        this.status.update(s);
      }
    });
    try {
      await client.start();
    } catch (e) {
      this.log.error(`语言服务器启动失败：${String(e)}`);
      this.status.setState("failed");
      void this.explain(`文风：语言服务器启动失败（${String(e)}）。详情见“文风”输出面板。`);
      await client.dispose().catch(() => undefined);
      return;
    }
    this.client = client;
    this.status.setState("running");
  }

  private async doStop(): Promise<void> {
    const client = this.client;
    this.client = undefined;
    if (client) {
      try {
        await client.stop(3000);
      } catch (e) {
        this.log.warn(`停止语言服务器：${String(e)}`);
      }
      await client.dispose().catch(() => undefined);
    }
  }

  private onConfigChange(e: vscode.ConfigurationChangeEvent): void {
    if (!e.affectsConfiguration(SECTION)) {
      return;
    }
    const before = this.settings;
    const after = rawSettings();
    if (needsRestart(before, after) || !this.client) {
      this.log.info("设置已更改，重启语言服务器");
      void this.restart();
      return;
    }
    this.settings = after; // the language client applies wenfeng.trace.server itself
    void this.client.sendNotification(DidChangeConfigurationNotification.type, { settings: { [SECTION]: serverSettings() } })
      .catch((err) => this.log.warn(`发送设置失败：${String(err)}`));
  }

  /** Sends `workspace/executeCommand` for a `wenfeng.server.*` command. */
  async execute<T>(command: string, args: unknown[]): Promise<T> {
    if (!this.client) {
      throw new Error("语言服务器未运行");
    }
    return (await this.client.sendRequest(ExecuteCommandRequest.type, { command, arguments: args })) as T;
  }

  /** Asks the server for the stats of one document (result goes to the status item). */
  async requestStats(uri: string): Promise<Stats | undefined> {
    if (!this.client) {
      return undefined;
    }
    try {
      const s: unknown = await this.client.sendRequest("wenfeng/stats", { uri });
      if (isStats(s)) {
        this.status.update(s);
        return s;
      }
    } catch (e) {
      this.log.debug(`wenfeng/stats：${String(e)}`);
    }
    return undefined;
  }

  /** Error message with actions; for a missing package, offers to run the install command. */
  private async explain(message: string, installInto?: Interpreter): Promise<void> {
    const actions = installInto ? ["改用自带版本", "在终端中安装", "复制命令"] : ["打开设置", "查看日志", "重试"];
    const choice = await vscode.window.showErrorMessage(message, ...actions);
    const cmd = installInto ? installCommand(installInto, process.platform, this.bundle.wheel) : "";
    if (choice === "改用自带版本") {
      // the configuration change restarts the server (importStrategy is a restart key)
      await vscode.workspace.getConfiguration(SECTION).update("importStrategy", "useBundled" satisfies ImportStrategy,
        vscode.ConfigurationTarget.Global);
    } else if (choice === "在终端中安装") {
      const term = vscode.window.createTerminal("文风：安装");
      term.show();
      term.sendText(cmd);
      void vscode.window.showInformationMessage("安装完成后点“重试”。", "重试").then((c) => c && this.restart());
    } else if (choice === "复制命令") {
      await vscode.env.clipboard.writeText(cmd);
      void vscode.window.showInformationMessage(`已复制：${cmd}`, "重试").then((c) => c && this.restart());
    } else if (choice === "打开设置") {
      await vscode.commands.executeCommand("workbench.action.openSettings", "wenfeng.interpreter");
    } else if (choice === "查看日志") {
      this.log.show();
    } else if (choice === "重试") {
      await this.restart();
    }
  }

  dispose(): void {
    this.subs.forEach((d) => d.dispose());
    void this.stop();
  }
}
