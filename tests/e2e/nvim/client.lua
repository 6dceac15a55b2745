-- Headless Neovim (0.7+) as the client of the real wenfeng server.
-- Starts `$WENFENG_PYTHON -m wenfeng serve` with vim.lsp.start_client, waits for diagnostics,
-- then applies the 尊敬的 quick fix through Neovim's own vim.lsp.buf.code_action() (which in 0.7
-- echoes the diagnostics back with byte columns), then picks "设为文种：专项报告" the same way on the title line.
-- Everything observed goes to $WENFENG_NVIM_OUT as JSON; run.sh judges it.
local python = assert(os.getenv("WENFENG_PYTHON"), "WENFENG_PYTHON not set")
local out = assert(os.getenv("WENFENG_NVIM_OUT"), "WENFENG_NVIM_OUT not set")
local result = { stats = {}, requests = {} }

local function save()
  local f = assert(io.open(out, "w"))
  f:write(vim.fn.json_encode(result))
  f:close()
end

local function h201(bufnr)
  for _, d in ipairs(vim.diagnostic.get(bufnr)) do
    if d.code == "H201" or (d.user_data and d.user_data.lsp and d.user_data.lsp.code == "H201") then
      return d
    end
  end
end

-- Record what vim.lsp.buf.code_action() sends, and answer its menu by title.
local buf_request = vim.lsp.buf_request
vim.lsp.buf_request = function(bufnr, method, params, handler)
  if method == "textDocument/codeAction" then
    table.insert(result.requests, vim.deepcopy(params))
  end
  return buf_request(bufnr, method, params, handler)
end
local wanted
vim.ui.select = function(items, opts, on_choice)
  local titles = {}
  for i, item in ipairs(items) do
    local action = item[2]
    table.insert(titles, action.title)
    if action.title:find(wanted, 1, true) then
      table.insert(result.chosen, action.title)
      return on_choice(item, i)
    end
  end
  result.menus = result.menus or {}
  table.insert(result.menus, titles)
  on_choice(nil, nil)
end
result.chosen = {}

local function run()
  local bufnr = vim.api.nvim_get_current_buf()
  local client_id = vim.lsp.start_client({
    name = "wenfeng",
    cmd = { python, "-m", "wenfeng", "serve" },
    root_dir = vim.fn.getcwd(),
    handlers = {
      ["wenfeng/stats"] = function(_, stats) table.insert(result.stats, stats) end,
    },
  })
  vim.lsp.buf_attach_client(bufnr, client_id)
  result.diagnostics_arrived = vim.wait(30000, function() return h201(bufnr) ~= nil end, 20)
  local client = vim.lsp.get_client_by_id(client_id)
  result.offset_encoding = client.offset_encoding
  result.filetype = vim.bo[bufnr].filetype

  local d = h201(bufnr)
  if d then
    local line = vim.api.nvim_buf_get_lines(bufnr, d.lnum, d.lnum + 1, false)[1]
    local _, utf16 = vim.str_utfindex(line, d.col)
    result.h201 = { line = d.lnum, col_byte = d.col, col_utf16 = utf16,
                    text = string.sub(line, d.col + 1, d.end_col) }
    -- the quick fix, through Neovim's own code-action path
    vim.api.nvim_win_set_cursor(0, { d.lnum + 1, d.col })
    wanted = "删除“尊敬的”"
    vim.lsp.buf.code_action()
    result.fixed = vim.wait(15000, function()
      return not vim.api.nvim_buf_get_lines(bufnr, d.lnum, d.lnum + 1, false)[1]:find("尊敬的")
    end, 20)
    result.line_after_fix = vim.api.nvim_buf_get_lines(bufnr, d.lnum, d.lnum + 1, false)[1]
    result.rediagnosed = vim.wait(15000, function() return h201(bufnr) == nil end, 20)
    -- the 文种 choice, same path: a command the server executes (offered on the title line)
    vim.api.nvim_win_set_cursor(0, { 1, 0 })
    wanted = "设为文种：专项报告"
    vim.lsp.buf.code_action()
    result.doctype_set = vim.wait(15000, function()
      local last = result.stats[#result.stats]
      return last ~= nil and last.doctype == "专项报告"
    end, 20)
  end
  save()
  vim.lsp.stop_client(client_id)
  vim.wait(5000, function() return vim.lsp.get_client_by_id(client_id) == nil end, 20)
  vim.cmd("qa!")
end

vim.api.nvim_create_autocmd("VimEnter", { callback = function() vim.schedule(function()
  local ok, err = pcall(run)
  if not ok then
    result.error = tostring(err)
    save()
    vim.cmd("qa!")
  end
end) end })
