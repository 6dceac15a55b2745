/**
 * Every command id the extension registers or sends, in one place.  `test/contributes.test.ts`
 * compares `COMMANDS` with package.json's `contributes.commands`; the Python suite
 * (`tests/lsp/test_vscode_contract.py`) checks that each `SERVER_COMMANDS` id is one the language
 * server registers and that the client commands the server puts in code actions exist here.
 */

/** User commands (package.json `contributes.commands`). */
export const COMMANDS = {
  chooseDoctype: "wenfeng.chooseDoctype",
  fixAll: "wenfeng.fixAll",
  showStats: "wenfeng.showStats",
  restart: "wenfeng.restart",
  showLog: "wenfeng.showLog",
  trimToLimit: "wenfeng.trimToLimit",
} as const;

/** `workspace/executeCommand` ids the server registers. */
export const SERVER_COMMANDS = {
  listDoctypes: "wenfeng.server.listDoctypes",
  setDoctype: "wenfeng.server.setDoctype",
  fixAll: "wenfeng.server.fixAll",
  showStats: "wenfeng.server.showStats",
  /** "其他文种…" in the code-action menu: the client opens its own picker instead. */
  pickDoctype: "wenfeng.server.pickDoctype",
  /** 压到限额: the plan of cuts, narrowed to the ticked ones (docs/PROTOCOL.md). */
  trimPlan: "wenfeng.server.trimPlan",
} as const;
