// sentier serve: reloads the page after each build. When the server goes away (restarted),
// it reconnects and reloads once it is back.
(() => {
  const scheme = location.protocol === "https:" ? "wss" : "ws";
  const url = `${scheme}://${location.host}/__sentier/live-reload`;
  let connectedBefore = false;
  function connect() {
    const socket = new WebSocket(url);
    socket.addEventListener("open", () => {
      document.documentElement.dataset.sentierLiveReload = "connected";
      if (connectedBefore) location.reload();
      connectedBefore = true;
    });
    socket.addEventListener("message", (event) => {
      if (event.data === "reload") location.reload();
    });
    socket.addEventListener("close", () => setTimeout(connect, 1000));
  }
  connect();
})();
