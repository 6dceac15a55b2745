/**
 * The language status item "请示 1,432/1,500字": keeps the latest `wenfeng/stats` per document and
 * shows the one for the active editor, or the server's state before any stats arrive.
 */
import * as vscode from "vscode";
import { Stats, StatusView, viewForState, viewForStats } from "./core/stats";

export type ServerState = "starting" | "running" | "notInstalled" | "failed";

const SEVERITY = {
  info: vscode.LanguageStatusSeverity.Information,
  warning: vscode.LanguageStatusSeverity.Warning,
  error: vscode.LanguageStatusSeverity.Error,
};

export class StatusController implements vscode.Disposable {
  private readonly item: vscode.LanguageStatusItem;
  private readonly byUri = new Map<string, Stats>();
  private state: ServerState = "starting";
  private readonly subs: vscode.Disposable[] = [];

  constructor(selector: vscode.DocumentSelector, private readonly requestStats: (uri: string) => void) {
    this.item = vscode.languages.createLanguageStatusItem("wenfeng.stats", selector);
    this.item.name = "文风：字数与限额";
    this.subs.push(
      vscode.window.onDidChangeActiveTextEditor(() => this.render(true)),
      vscode.workspace.onDidCloseTextDocument((d) => this.byUri.delete(d.uri.toString())),
    );
    this.render(false);
  }

  set selector(sel: vscode.DocumentSelector) {
    this.item.selector = sel;
  }

  setState(state: ServerState): void {
    this.state = state;
    if (state !== "running") {
      this.byUri.clear();
    }
    this.render(state === "running");
  }

  update(stats: Stats): void {
    this.byUri.set(normalizeUri(stats.uri), stats);
    this.render(false);
  }

  /** Latest stats for a document, if the server sent any. */
  get(uri: string): Stats | undefined {
    return this.byUri.get(normalizeUri(uri));
  }

  private render(fetchMissing: boolean): void {
    const uri = vscode.window.activeTextEditor?.document.uri.toString();
    const stats = uri ? this.byUri.get(normalizeUri(uri)) : undefined;
    let view: StatusView;
    if (stats) {
      view = viewForStats(stats);
    } else {
      view = viewForState(this.state === "running" ? "waiting" : this.state);
      if (fetchMissing && uri && this.state === "running") {
        this.requestStats(uri);
      }
    }
    this.item.text = view.text;
    this.item.detail = view.detail;
    this.item.severity = SEVERITY[view.severity];
    this.item.busy = view.busy;
    this.item.command = stats || this.state === "running"
      ? { title: "选择文种", command: "wenfeng.chooseDoctype" }
      : { title: this.state === "notInstalled" ? "安装说明" : "查看日志", command: this.state === "notInstalled" ? "wenfeng.restart" : "wenfeng.showLog" };
  }

  dispose(): void {
    this.item.dispose();
    this.subs.forEach((d) => d.dispose());
  }
}

/** Server and client may percent-encode a file URI differently (e.g. `%3A`); compare parsed forms. */
function normalizeUri(uri: string): string {
  try {
    return vscode.Uri.parse(uri).toString();
  } catch {
    return uri;
  }
}
