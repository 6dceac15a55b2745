// The WebSocket transport for @codemirror/lsp-client: one JSON-RPC message per text frame
// (what pygls's WebSocket server speaks), reconnecting with a growing pause when the server goes.
// One exception: the server closes with TOO_LONG_CLOSE when the draft is over its size limit.
// Reconnecting would send the same draft and be refused again, so the page stops (`stopped`
// gets the limit) until `resume()` is called — once the draft is short enough.
export const TOO_LONG_CLOSE = 4413;

export function connectSocket(client, { up, down, stopped }) {
  const url = `${location.protocol === "https:" ? "wss" : "ws"}://${location.host}/lsp`;
  let pause = 500;
  let halted = false;

  function open() {
    halted = false;
    const socket = new WebSocket(url);
    const handlers = new Set();
    const transport = {
      send(message) {
        if (socket.readyState !== WebSocket.OPEN) throw new Error("与检查服务的连接已断开");
        socket.send(message);
      },
      subscribe(handler) { handlers.add(handler); },
      unsubscribe(handler) { handlers.delete(handler); },
    };
    socket.onmessage = (event) => { for (const handler of handlers) handler(String(event.data)); };
    socket.onopen = () => {
      pause = 500;
      // Connecting re-opens each document with the text last sent; edits made while there was
      // no server (or the draft was refused as too long) belong in it: take them in unsent.
      client.workspace.syncFiles();
      client.connect(transport);
      up();
    };
    socket.onclose = (event) => {
      if (client.connected) client.disconnect();
      if (event.code === TOO_LONG_CLOSE) {
        halted = true;
        stopped(Number((event.reason.match(/\d+/) || [0])[0]));
        return;
      }
      down();
      setTimeout(open, pause);
      pause = Math.min(pause * 2, 10000);
    };
  }
  open();
  return { resume() { if (halted) open(); } };
}
