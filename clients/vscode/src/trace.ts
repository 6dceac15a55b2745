/**
 * The channel the language client writes the LSP trace to ("文风 LSP 跟踪").
 *
 * vscode-languageclient 11 traces only while its trace channel's log level is Trace, and a user
 * can set a log channel's level only by hand (Output panel → gear), so `wenfeng.trace.server`
 * alone would log nothing.  This adapter gives the client the `LogOutputChannel` it wants, backed
 * by a plain output channel, with the level following the setting: Trace when it is `messages` or
 * `verbose`, Info otherwise.  The client then applies the setting itself, also on later changes.
 */
import * as vscode from "vscode";
import { traceOn } from "./core/settings";

export class TraceChannel implements vscode.LogOutputChannel {
  readonly name: string;
  private readonly out: vscode.OutputChannel;
  private level: vscode.LogLevel;
  private readonly changed = new vscode.EventEmitter<vscode.LogLevel>();
  readonly onDidChangeLogLevel = this.changed.event;
  private readonly sub: vscode.Disposable;

  constructor(name: string, private readonly setting: () => unknown) {
    this.name = name;
    this.out = vscode.window.createOutputChannel(name);
    this.level = this.wanted();
    // registered before the language client's own listener, so the level is right when it looks
    this.sub = vscode.workspace.onDidChangeConfiguration((e) => {
      if (e.affectsConfiguration("wenfeng.trace.server") && this.wanted() !== this.level) {
        this.level = this.wanted();
        this.changed.fire(this.level);
      }
    });
  }

  private wanted(): vscode.LogLevel {
    return traceOn(this.setting()) ? vscode.LogLevel.Trace : vscode.LogLevel.Info;
  }

  get logLevel(): vscode.LogLevel {
    return this.level;
  }

  trace(message: string): void {
    this.out.appendLine(message);
  }
  debug(message: string): void {
    this.out.appendLine(message);
  }
  info(message: string): void {
    this.out.appendLine(message);
  }
  warn(message: string): void {
    this.out.appendLine(message);
  }
  error(error: string | Error): void {
    this.out.appendLine(String(error));
  }
  append(value: string): void {
    this.out.append(value);
  }
  appendLine(value: string): void {
    this.out.appendLine(value);
  }
  replace(value: string): void {
    this.out.replace(value);
  }
  clear(): void {
    this.out.clear();
  }
  show(preserveFocus?: boolean): void;
  show(column?: vscode.ViewColumn, preserveFocus?: boolean): void;
  show(a?: boolean | vscode.ViewColumn, b?: boolean): void {
    this.out.show(typeof a === "boolean" ? a : b);
  }
  hide(): void {
    this.out.hide();
  }
  dispose(): void {
    this.sub.dispose();
    this.changed.dispose();
    this.out.dispose();
  }
}
