// The WebSocket transport for @codemirror/lsp-client: one JSON-RPC message per text frame
// (what pygls's WebSocket server speaks), reconnecting with a growing pause when the server goes.
export function connectSocket(client, { up, down }) {
  const url = `${location.protocol === "https:" ? "wss" : "ws"}://${location.host}/lsp`;
  let pause = 500;

  function open() {
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
      client.connect(transport);
      up();
    };
    socket.onclose = () => {
      if (client.connected) client.disconnect();
      down();
      setTimeout(open, pause);
      pause = Math.min(pause * 2, 10000);
    };
  }
  open();
}
