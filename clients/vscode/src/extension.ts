/**
 * Entry point: wires the log channel, the status item, the server manager and the commands.
 */
import * as vscode from "vscode";
import { ServerManager, findBundle, rawSettings } from "./client";
import { chooseDoctype, fixAll, showStats } from "./commands";
import { COMMANDS } from "./core/ids";
import { documentSelector } from "./core/settings";
import { onPythonEnvironmentChange } from "./python";
import { StatusController } from "./status";
import { trimToLimit } from "./trim";
import { TraceChannel } from "./trace";

let manager: ServerManager | undefined;

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  const log = vscode.window.createOutputChannel("文风", { log: true });
  const trace = new TraceChannel("文风 LSP 跟踪", () => vscode.workspace.getConfiguration("wenfeng").get("trace.server"));
  // The status item asks the manager for missing stats; the manager needs the item: tie late.
  const holder: { srv?: ServerManager } = {};
  const status = new StatusController(documentSelector(rawSettings()), (uri) => void holder.srv?.requestStats(uri));
  const srv = (holder.srv = manager = new ServerManager(log, trace, status, findBundle(context.extensionPath)));
  context.subscriptions.push(
    log,
    trace,
    status,
    srv,
    vscode.commands.registerCommand(COMMANDS.restart, () => srv.restart()),
    vscode.commands.registerCommand(COMMANDS.showLog, () => log.show()),
    vscode.commands.registerCommand(COMMANDS.chooseDoctype, () => chooseDoctype(srv, status)),
    vscode.commands.registerCommand(COMMANDS.fixAll, () => fixAll(srv)),
    vscode.commands.registerCommand(COMMANDS.showStats, () => showStats(srv, status)),
    vscode.commands.registerCommand(COMMANDS.trimToLimit, () => trimToLimit(srv)),
  );
  // Picking another environment in the Python extension matters only when no setting pins one.
  const envSub = await onPythonEnvironmentChange(() => {
    if (!vscode.workspace.getConfiguration("wenfeng").get<string>("interpreter")) {
      void srv.restart();
    }
  });
  if (envSub) {
    context.subscriptions.push(envSub);
  }
  await srv.start();
}

export async function deactivate(): Promise<void> {
  await manager?.stop();
}
