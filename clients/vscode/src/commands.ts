/**
 * The user commands: 选择文种, 精简全文, 显示统计 (thin wrappers over `wenfeng.server.*`).
 */
import * as vscode from "vscode";
import { ServerManager } from "./client";
import { Stats, doctypeChoices, isStats, statusDetail } from "./core/stats";
import { SERVER_COMMANDS } from "./core/ids";
import { StatusController } from "./status";

/** The document a command works on: the active editor's, when the server checks it. */
function targetDocument(): vscode.TextDocument | undefined {
  const doc = vscode.window.activeTextEditor?.document;
  if (!doc) {
    void vscode.window.showInformationMessage("文风：请先打开要检查的公文。");
  }
  return doc;
}

async function guarded<T>(what: string, server: ServerManager, job: () => Promise<T>): Promise<T | undefined> {
  if (!server.client) {
    const c = await vscode.window.showWarningMessage("文风：语言服务器未运行。", "重启服务器");
    if (c) {
      await server.restart();
    }
    return undefined;
  }
  try {
    return await job();
  } catch (e) {
    void vscode.window.showErrorMessage(`文风：${what}失败：${e instanceof Error ? e.message : String(e)}`);
    return undefined;
  }
}

interface DoctypeList { current?: string | null; detected?: string | null; doctypes: string[] }

export async function chooseDoctype(server: ServerManager, status: StatusController): Promise<void> {
  const doc = targetDocument();
  if (!doc) {
    return;
  }
  const uri = doc.uri.toString();
  await guarded("选择文种", server, async () => {
    const list = await server.execute<DoctypeList>(SERVER_COMMANDS.listDoctypes, [uri]);
    if (!list || !Array.isArray(list.doctypes)) {
      throw new Error("服务器没有返回文种列表");
    }
    const items = doctypeChoices(list).map((c) => ({ ...c, label: c.label }));
    const pick = await vscode.window.showQuickPick(items, {
      title: "文风：选择文种",
      placeHolder: `当前：${list.current || "未识别"}${list.detected ? `（检测为 ${list.detected}）` : ""}`,
      matchOnDescription: true,
    });
    if (!pick) {
      return;
    }
    const stats = await server.execute<Stats>(SERVER_COMMANDS.setDoctype, [uri, pick.value]);
    if (isStats(stats)) {
      status.update(stats);
    }
  });
}

export async function fixAll(server: ServerManager): Promise<void> {
  const doc = targetDocument();
  if (!doc) {
    return;
  }
  await guarded("精简全文", server, async () => {
    const r = await server.execute<{ fixes?: number; saved?: number }>(SERVER_COMMANDS.fixAll, [doc.uri.toString()]);
    const n = r?.fixes ?? 0;
    void vscode.window.showInformationMessage(n > 0 ? `文风：已精简 ${n} 处，减少 ${r?.saved ?? 0} 字。` : "文风：没有可以自动精简的地方。");
  });
}

export async function showStats(server: ServerManager, status: StatusController): Promise<void> {
  const doc = targetDocument();
  if (!doc) {
    return;
  }
  await guarded("显示统计", server, async () => {
    const stats = await server.execute<Stats>(SERVER_COMMANDS.showStats, [doc.uri.toString()]);
    if (!isStats(stats)) {
      throw new Error("服务器没有返回统计");
    }
    status.update(stats);
    const choice = await vscode.window.showInformationMessage(stats.statusText, { modal: true, detail: statusDetail(stats).join("\n") }, "选择文种");
    if (choice) {
      await chooseDoctype(server, status);
    }
  });
}
