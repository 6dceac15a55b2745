/**
 * The `wenfeng.*` settings → what the server receives (initializationOptions.settings,
 * workspace/configuration answers, didChangeConfiguration), which changes need a restart, the
 * document selector and the LSP trace level.  Pure, so the mapping is unit-tested.
 */

import { expandPath } from "./interpreter";

/** Keys of docs/PROTOCOL.md "Settings"; everything else in `wenfeng.*` stays in the client. */
export const SERVER_KEYS = [
  "profile",
  "limits",
  "speakingRate",
  "rules",
  "levels",
  "lexiconPaths",
  "allowlist",
  "debounceMs",
  "languages",
] as const;

/** Keys only the client reads (how to start the server, which documents it gets, tracing). */
export const CLIENT_KEYS = ["interpreter", "importStrategy", "documentSelector", "trace.server"] as const;

/** Every `wenfeng.*` setting; `test/contributes.test.ts` compares this with package.json. */
export const SETTING_KEYS: readonly string[] = [...SERVER_KEYS, ...CLIENT_KEYS];

/** Keys whose change needs a new server process / client (document selector). */
export const RESTART_KEYS = ["interpreter", "importStrategy", "languages", "documentSelector"] as const;

export type RawSettings = Record<string, unknown>;
export type ServerSettings = Partial<Record<(typeof SERVER_KEYS)[number], unknown>>;

export const DEFAULT_LANGUAGES = ["plaintext", "markdown"];

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return !!v && typeof v === "object" && !Array.isArray(v);
}

/**
 * Maps raw settings to the server's camelCase object.  `null`/`undefined` values are left out so
 * the server's own precedence (wenfeng.toml, profile defaults) applies; paths are expanded here
 * because only the client knows the workspace folder.  Values are passed through otherwise — the
 * server validates and reports bad ones with a message.
 */
export function toServerSettings(raw: RawSettings, ctx: { workspaceFolder?: string; home?: string } = {}): ServerSettings {
  const out: ServerSettings = {};
  for (const key of SERVER_KEYS) {
    const v = raw[key];
    if (v === undefined || v === null) {
      continue;
    }
    if (key === "lexiconPaths" && Array.isArray(v)) {
      out[key] = v.filter((p): p is string => typeof p === "string" && p.trim() !== "")
        .map((p) => expandPath(p, ctx.workspaceFolder, ctx.home));
    } else if ((key === "limits" || key === "rules" || key === "levels") && !isPlainObject(v)) {
      continue; // VS Code's schema check is only a warning; drop a non-object rather than crash the server
    } else {
      out[key] = v;
    }
  }
  return out;
}

/** The documents the client hands to the server. */
export type DocumentFilter = { language?: string; scheme?: string; pattern?: string };

export function documentSelector(raw: RawSettings): DocumentFilter[] {
  const custom = Array.isArray(raw.documentSelector)
    ? (raw.documentSelector as unknown[]).filter(isPlainObject).map((f) => {
      const out: DocumentFilter = {};
      for (const k of ["language", "scheme", "pattern"] as const) {
        if (typeof f[k] === "string" && f[k]) {
          out[k] = f[k] as string;
        }
      }
      return out;
    }).filter((f) => Object.keys(f).length > 0)
    : [];
  if (custom.length > 0) {
    return custom;
  }
  const langs = Array.isArray(raw.languages) && raw.languages.length > 0
    ? (raw.languages as unknown[]).filter((l): l is string => typeof l === "string" && l !== "")
    : DEFAULT_LANGUAGES;
  return langs.flatMap((language) => [{ scheme: "file", language }, { scheme: "untitled", language }]);
}

/** True when any key of `RESTART_KEYS` differs (deep compare via JSON is enough for settings). */
export function needsRestart(before: RawSettings, after: RawSettings): boolean {
  return RESTART_KEYS.some((k) => JSON.stringify(before[k] ?? null) !== JSON.stringify(after[k] ?? null));
}

/**
 * Whether the LSP trace is on: `wenfeng.trace.server` set to `messages` or `verbose`.  (The
 * language client reads the value itself; this decides the level of the trace channel, see
 * `../trace.ts`.)
 */
export function traceOn(setting: unknown): boolean {
  return setting === "messages" || setting === "verbose";
}
