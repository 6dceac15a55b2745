/**
 * The command 文风：精简到限额: ask the server for the trim plan, show it as a checklist (safe cuts
 * ticked), and apply the ticked cuts as one workspace edit.  The server narrows the plan to the
 * ticked cuts, so a paragraph cut away entirely takes its line and the 字数 shown is exact.
 */
import * as vscode from "vscode";
import { ServerManager } from "./client";
import { SERVER_COMMANDS } from "./core/ids";
import { LspRange, TrimPlan, appliedMessage, isTrimPlan, pickedSaving, trimItems, trimTitle } from "./core/trim";

const PLAN = SERVER_COMMANDS.trimPlan;

function toRange(r: LspRange): vscode.Range {
  // the client negotiates UTF-16 positions, which is what VS Code counts in
  return new vscode.Range(r.start.line, r.start.character, r.end.line, r.end.character);
}

async function fetchPlan(server: ServerManager, uri: string, ids?: number[]): Promise<TrimPlan> {
  const plan = await server.execute<unknown>(PLAN, ids ? [uri, "general", ids] : [uri, "general"]);
  if (!isTrimPlan(plan)) {
    throw new Error("服务器没有返回精简方案");
  }
  return plan;
}

async function pickCuts(plan: TrimPlan): Promise<number[] | undefined> {
  type Item = vscode.QuickPickItem & { id: number };
  const items: Item[] = trimItems(plan);
  const pick = vscode.window.createQuickPick<Item>();
  pick.canSelectMany = true;
  pick.matchOnDescription = true;
  pick.matchOnDetail = true;
  pick.title = trimTitle(plan);
  pick.items = items;
  pick.selectedItems = items.filter((i) => i.picked);
  const describe = () => {
    const ids = pick.selectedItems.map((i) => i.id);
    const over = Math.max(0, (plan.before ?? 0) - (plan.limit ?? 0));
    pick.placeholder = `已选 ${ids.length} 处，约减 ${pickedSaving(plan, ids)} 字（超出 ${over} 字）；回车采纳所选`;
  };
  describe();
  return new Promise((resolve) => {
    let done = false;
    pick.onDidChangeSelection(describe);
    pick.onDidAccept(() => {
      done = true;
      resolve(pick.selectedItems.map((i) => i.id));
      pick.hide();
    });
    pick.onDidHide(() => {
      if (!done) {
        resolve(undefined);
      }
      pick.dispose();
    });
    pick.show();
  });
}

export async function trimToLimit(server: ServerManager): Promise<void> {
  const doc = vscode.window.activeTextEditor?.document;
  if (!doc) {
    void vscode.window.showInformationMessage("文风：请先打开要精简的公文。");
    return;
  }
  if (!server.client) {
    void vscode.window.showWarningMessage("文风：语言服务器未运行。");
    return;
  }
  const uri = doc.uri.toString();
  try {
    const plan = await fetchPlan(server, uri);
    if (plan.error) {
      void vscode.window.showInformationMessage(`文风：${plan.error}`);
      return;
    }
    if (plan.cuts.length === 0) {
      void vscode.window.showInformationMessage(`文风：${plan.headline ?? "没有可删改之处"}`);
      return;
    }
    const ids = await pickCuts(plan);
    if (!ids || ids.length === 0) {
      return;
    }
    const narrowed = await fetchPlan(server, uri, ids);
    if (narrowed.version !== doc.version) {
      void vscode.window.showWarningMessage("文风：文稿在选择期间已改动，未采纳；请重新运行“精简到限额”。");
      return;
    }
    const edit = new vscode.WorkspaceEdit();
    for (const e of narrowed.edits) {
      edit.replace(doc.uri, toRange(e.range), e.newText);
    }
    if (await vscode.workspace.applyEdit(edit)) {
      void vscode.window.showInformationMessage(appliedMessage(narrowed));
    }
  } catch (e) {
    void vscode.window.showErrorMessage(`文风：精简到限额失败：${e instanceof Error ? e.message : String(e)}`);
  }
}
