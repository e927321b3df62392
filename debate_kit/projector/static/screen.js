// The class screen as its own page (no kernel): a small model over one websocket, hosting projector.js.
// A second screen (mode "screen"): the room's teacher key comes from this browser's localStorage (the
// console keeps it there) and goes only in the socket's first message, never in a URL. On a JupyterHub
// service (mode "present", with the presenter's buttons): the hub's login identifies the teacher and no
// key is in the browser at all. Contract: docs/projector-protocol.md.

const TEACHER_PREFIX = "debate_kit.teacher."; // the console's key names (identity.js)
const MAX_DELAY_MS = 8000;
const SERVER_AWAY = "Reconnecting to the class server… Votes and answers are safe.";
const DATABASE_AWAY = "The class database is away: reconnecting… Votes and answers already saved are safe.";

function teacherKey(room) {
  try {
    return window.localStorage.getItem(TEACHER_PREFIX + room);
  } catch (e) {
    return null;
  }
}

function createModel() {
  const attrs = { view: null, controls: [], mode: "screen", status: "", alert: "" };
  const handlers = new Map();
  return {
    get: (name) => attrs[name],
    set(name, value) {
      if (attrs[name] === value) return;
      attrs[name] = value;
      for (const callback of [...(handlers.get(`change:${name}`) || [])]) callback();
    },
    on(name, callback) {
      if (!handlers.has(name)) handlers.set(name, new Set());
      handlers.get(name).add(callback);
    },
    off(name, callback) {
      if (handlers.has(name)) handlers.get(name).delete(callback);
    },
    send() {}, // a second screen has no controls
  };
}

function message(el, text) {
  const p = document.createElement("p");
  p.className = "dk-p-loading";
  p.style.cssText = "font:32px system-ui,sans-serif;padding:1em;max-width:36em";
  p.textContent = text;
  el.replaceChildren(p);
}

function start() {
  const data = document.body.dataset;
  let base = data.base || "/";
  if (!base.endsWith("/")) base += "/";
  const room = data.room || "";
  const present = data.mode === "present";
  const el = document.getElementById("dk-screen");
  const key = present ? null : teacherKey(room);
  if (!present && !key) {
    message(el, "This screen needs the room's teacher key: open it from the teacher console, in the " +
      "browser where you created the room.");
    return;
  }
  const model = createModel();
  model.set("mode", present ? "present" : "screen");
  const scheme = location.protocol === "https:" ? "wss" : "ws";
  const url = `${scheme}://${location.host}${base}debate-kit/${present ? "present-ws" : "projector-ws"}`;
  let current = null;
  model.send = (msg) => {
    if (current && current.readyState === WebSocket.OPEN) current.send(JSON.stringify(msg));
    else model.set("status", "Not connected: wait for the class server, then press again.");
  };
  let attempt = 0;
  let refused = false;
  function connect() {
    const ws = new WebSocket(url);
    current = ws;
    const hello = { type: "hello", room, page: location.href.split("?")[0] };
    if (key) hello.key = key;
    ws.onopen = () => ws.send(JSON.stringify(hello));
    ws.onmessage = (event) => {
      attempt = 0;
      let msg;
      try {
        msg = JSON.parse(event.data);
      } catch (e) {
        return;
      }
      if (msg.type === "view") {
        model.set("alert", "");
        const { controls, ...view } = msg.view || {};
        if (present) model.set("controls", controls || []);
        model.set("view", msg.view ? view : null);
      } else if (msg.type === "said") {
        model.set("status", msg.text || "");
      } else if (msg.type === "status") {
        model.set("alert", msg.connection === "reconnecting" ? DATABASE_AWAY : "");
      } else if (msg.type === "error") {
        refused = ["teacher-key", "room-unknown", "not-your-room", "hub-login"].includes(msg.code);
        model.set("view", null);
        message(el, msg.message || "This screen cannot show the room.");
      }
    };
    ws.onclose = () => {
      if (refused) return;
      model.set("alert", SERVER_AWAY);
      // The server restarted or the network dropped: keep the last picture, try again with backoff.
      const delay = Math.min(MAX_DELAY_MS, 500 * 2 ** attempt) * (0.5 + Math.random() / 2);
      attempt += 1;
      setTimeout(connect, delay);
    };
  }
  const version = new URL(import.meta.url).search;
  import(new URL(`./projector.js${version}`, import.meta.url).href)
    .then((module) => {
      el.replaceChildren();
      module.default.render({ model, el });
      connect();
    })
    .catch(() => message(el, "This screen could not load. Check the network, then reload the page."));
}

start();
