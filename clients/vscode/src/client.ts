/**
 * Owns the language client: probe the interpreter, start `<python> -m wenfeng serve`, restart on
 * demand or when a restart-relevant setting changes, push the other settings live, and explain in
 * Chinese (with the exact install command) when the server cannot start.
 */
import * as os from "os";
import * as vscode from "vscode";
import {
  DidChangeConfigurationNotification,
  ExecuteCommandRequest,
  LanguageClient,
  LanguageClientOptions,
  RevealOutputChannelOn,
  ServerOptions,
  Trace,
} from "vscode-languageclient/node";
import { Interpreter, installCommand, problemMessage } from "./core/interpreter";
import { RawSettings, documentSelector, needsRestart, toServerSettings, traceLevel } from "./core/settings";
import { Stats, isStats } from "./core/stats";
import { findInterpreter, probe } from "./python";
import { StatusController } from "./status";

export const CLIENT_ID = "wenfeng";
const SECTION = "wenfeng";

/** Every `wenfeng.*` value as a plain object (defaults included). */
export function rawSettings(scope?: vscode.Uri): RawSettings {
  const cfg = vscode.workspace.getConfiguration(SECTION, scope);
  const keys = ["interpreter", "profile", "limits", "speakingRate", "rules", "levels", "lexiconPaths",
    "allowlist", "debounceMs", "languages", "documentSelector", "trace.server"];
  return Object.fromEntries(keys.map((k) => [k, cfg.get(k)]));
}

function serverSettings(scope?: vscode.Uri) {
  const folder = (scope && vscode.workspace.getWorkspaceFolder(scope)) ?? vscode.workspace.workspaceFolders?.[0];
  return toServerSettings(rawSettings(scope), { workspaceFolder: folder?.uri.fsPath, home: os.homedir() });
}

const LOG_LEVELS = ["off", "trace", "debug", "info", "warning", "error"] as const; // vscode.LogLevel order

export class ServerManager implements vscode.Disposable {
  client: LanguageClient | undefined;
  private settings: RawSettings = rawSettings();
  private queue: Promise<void> = Promise.resolve();
  private readonly subs: vscode.Disposable[] = [];

  constructor(private readonly log: vscode.LogOutputChannel, private readonly status: StatusController) {
    this.subs.push(
      vscode.workspace.onDidChangeConfiguration((e) => this.onConfigChange(e)),
      log.onDidChangeLogLevel(() => void this.applyTrace()),
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
    this.log.info(`解释器：${interp.command.join(" ")}（来源：${interp.source}）`);
    const verdict = await probe(interp);
    if (!verdict.ok) {
      const msg = problemMessage(verdict, interp, process.platform);
      this.log.error(`${msg}（${verdict.detail}）`);
      this.status.setState(verdict.problem === "notInstalled" ? "notInstalled" : "failed");
      void this.explain(msg, verdict.problem === "notInstalled" ? interp : undefined);
      return;
    }
    this.log.info(`Python ${verdict.version}（${verdict.executable}），wenfeng ${verdict.wenfeng}`);

    const serverOptions: ServerOptions = {
      command: interp.command[0],
      args: [...interp.command.slice(1), "-m", "wenfeng", "serve"],
      // No `transport`: with TransportKind.stdio the client appends "--stdio" to the arguments,
      // which `wenfeng serve` does not take (stdio is its default).
      options: { env: { ...process.env, PYTHONIOENCODING: "utf-8", PYTHONUTF8: "1" } },
    };
    const clientOptions: LanguageClientOptions = {
      documentSelector: selector as NonNullable<LanguageClientOptions["documentSelector"]>,
      outputChannel: this.log,
      traceOutputChannel: this.log,
      revealOutputChannelOn: RevealOutputChannelOn.Never,
      initializationOptions: { settings: serverSettings() },
      middleware: {
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
    await this.applyTrace();
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

  private async applyTrace(): Promise<void> {
    if (!this.client) {
      return;
    }
    const level = traceLevel(this.settings["trace.server"], LOG_LEVELS[this.log.logLevel] ?? "info");
    await this.client.setTrace(Trace.fromString(level));
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
    this.settings = after;
    void this.applyTrace();
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
    const actions = installInto ? ["在终端中安装", "复制命令", "重试"] : ["打开设置", "查看日志", "重试"];
    const choice = await vscode.window.showErrorMessage(message, ...actions);
    const cmd = installInto ? installCommand(installInto, process.platform) : "";
    if (choice === "在终端中安装") {
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
