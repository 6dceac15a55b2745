/**
 * "请示 1,432/1,500字" twice: as a language status item (next to the language mode, with the
 * detail) and as a status-bar item that is visible without pinning, amber past the 一般 limit and
 * red past the 最多 limit.  Keeps the latest `wenfeng/stats` per document and shows the one for
 * the active editor, or the server's state before any stats arrive.
 */
import * as vscode from "vscode";
import { COMMANDS } from "./core/ids";
import { Stats, StatusView, viewForState, viewForStats } from "./core/stats";

export type ServerState = "starting" | "running" | "notInstalled" | "failed";

/** Status-bar background per state (the only two colours VS Code allows there). */
const BACKGROUND = {
  info: undefined,
  warning: new vscode.ThemeColor("statusBarItem.warningBackground"),
  error: new vscode.ThemeColor("statusBarItem.errorBackground"),
};

const SEVERITY = {
  info: vscode.LanguageStatusSeverity.Information,
  warning: vscode.LanguageStatusSeverity.Warning,
  error: vscode.LanguageStatusSeverity.Error,
};

export class StatusController implements vscode.Disposable {
  private readonly item: vscode.LanguageStatusItem;
  private readonly bar: vscode.StatusBarItem;
  private sel: vscode.DocumentSelector;
  private readonly byUri = new Map<string, Stats>();
  private state: ServerState = "starting";
  private readonly subs: vscode.Disposable[] = [];

  constructor(selector: vscode.DocumentSelector, private readonly requestStats: (uri: string) => void) {
    this.sel = selector;
    this.item = vscode.languages.createLanguageStatusItem("wenfeng.stats", selector);
    this.item.name = "文风：字数与限额";
    this.bar = vscode.window.createStatusBarItem("wenfeng.count", vscode.StatusBarAlignment.Right, 100);
    this.bar.name = "文风：字数与限额";
    this.subs.push(
      vscode.window.onDidChangeActiveTextEditor(() => this.render(true)),
      vscode.workspace.onDidCloseTextDocument((d) => this.byUri.delete(d.uri.toString())),
    );
    this.render(false);
  }

  set selector(sel: vscode.DocumentSelector) {
    this.sel = sel;
    this.item.selector = sel;
    this.render(false);
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
    const doc = vscode.window.activeTextEditor?.document;
    const uri = doc?.uri.toString();
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
      ? { title: "选择文种", command: COMMANDS.chooseDoctype }
      : { title: this.state === "notInstalled" ? "安装说明" : "查看日志", command: this.state === "notInstalled" ? COMMANDS.restart : COMMANDS.showLog };
    // the status-bar twin: only for documents the server checks
    this.bar.text = view.busy ? `$(loading~spin) ${view.text}` : view.text;
    this.bar.tooltip = view.detail;
    this.bar.backgroundColor = BACKGROUND[view.severity];
    this.bar.command = this.item.command;
    if (doc && vscode.languages.match(this.sel, doc) > 0) {
      this.bar.show();
    } else {
      this.bar.hide();
    }
  }

  dispose(): void {
    this.item.dispose();
    this.bar.dispose();
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
