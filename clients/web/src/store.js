// What the browser keeps across reloads (localStorage, this browser only): the draft, its
// format and file name, the chosen 文种, the ignored findings and — when small enough — the
// opened .docx (needed for the 修订稿 / 批注稿 downloads).
const KEY = "wenfeng.draft.v1";
const DOCX = "wenfeng.docx.v1";
const MAX_DOCX = 2 * 1024 * 1024;

function read(key, fallback) {
  try { return JSON.parse(localStorage.getItem(key)) ?? fallback; } catch { return fallback; }
}
function write(key, value) {
  try { localStorage.setItem(key, JSON.stringify(value)); return true; } catch { return false; }
}

export function loadDraft() {
  const d = read(KEY, {});
  return { text: d.text || "", fmt: d.fmt || "txt", name: d.name || "", doctype: d.doctype || "" };
}

export function saveDraft(text, fmt, name) {
  const d = read(KEY, {});
  write(KEY, { ...d, text, ...(fmt ? { fmt } : {}), ...(name !== undefined ? { name } : {}) });
}

export function saveDoctype(doctype) { write(KEY, { ...read(KEY, {}), doctype }); }

export function loadIgnores() { return read(KEY, {}).ignores || []; }

export function saveIgnore(data) {
  const d = read(KEY, {});
  write(KEY, { ...d, ignores: [...(d.ignores || []), data].slice(-200) });
}

export function newDocument() {
  const d = read(KEY, {});
  write(KEY, { ...d, doctype: "", ignores: [] });
}

export function saveDocx(docx) {
  if (!docx || docx.bytes.length > MAX_DOCX) { localStorage.removeItem(DOCX); return; }
  let binary = "";
  for (const byte of docx.bytes) binary += String.fromCharCode(byte);
  if (!write(DOCX, { name: docx.name, data: btoa(binary) })) localStorage.removeItem(DOCX);
}

export function loadDocx() {
  const d = read(DOCX, null);
  if (!d || !d.data) return null;
  try {
    const binary = atob(d.data);
    const bytes = new Uint8Array(binary.length);
    for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
    return { name: d.name, bytes };
  } catch { return null; }
}
