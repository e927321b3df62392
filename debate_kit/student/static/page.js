// debate_kit's light page (phones, no kernel): a small model over one websocket, hosting student.js.
// The contract is docs/student-protocol.md. The page changes nothing in the URL, and the device token
// only ever goes in the websocket's first message (never in a URL).

const TOKEN_KEY = "debate_kit.device"; // the same key as the notebooks' DeviceIdentity: one device, one token
const MIN_DELAY_MS = 500;
const MAX_DELAY_MS = 10000;
const MAX_BYTES = 16 * 1024; // the protocol's limit for one action
const OFFLINE = "Not connected: your answer was not saved. Try again when the page says it is connected.";
const DROPPED = "The connection dropped before the class server answered: this may not have been saved. " +
  "When the page says it is connected, check it and save again if needed.";
const TOO_LARGE = "This is too long to send in one go: please shorten it.";
// Retries (docs/student-protocol.md): an action unanswered when its socket goes is sent again once, on the
// next connection, with the same key (the server answers it as the same action).
const RETRY_WITHIN_MS = 120000; // an older action is not sent again (the server remembers 10 minutes)
const SILENT_MS = 10000; // an action waits this long and the server says nothing at all: the link is dead

// ---- the device token -------------------------------------------------------------------------

function storage() {
  try {
    const s = window.localStorage;
    s.setItem("debate_kit.probe", "1");
    s.removeItem("debate_kit.probe");
    return s;
  } catch (e) {
    return null; // private mode or blocked storage: the token lives as long as the page
  }
}

function randomToken() {
  // crypto.getRandomValues works on plain-http LAN addresses; crypto.randomUUID does not.
  const bytes = new Uint8Array(16);
  crypto.getRandomValues(bytes);
  return Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
}

function deviceToken() {
  const s = storage();
  let token = s ? s.getItem(TOKEN_KEY) : null;
  if (!token || !/^[0-9a-f]{32}$/.test(token)) {
    token = randomToken();
    if (s) s.setItem(TOKEN_KEY, token);
  }
  return token;
}

// ---- the model (the part of anywidget's model that student.js uses) ---------------------------

function createModel() {
  const attrs = { view: null, lesson: null, connection: "connecting" };
  const handlers = new Map();
  const model = {
    get(name) {
      return attrs[name];
    },
    set(name, value) {
      const old = attrs[name];
      attrs[name] = value;
      if (old !== value) emit(`change:${name}`, model, value);
    },
    on(name, callback) {
      if (!handlers.has(name)) handlers.set(name, new Set());
      handlers.get(name).add(callback);
      if (name === "msg:custom" && early.length) {
        // Answers that came before student.js was loaded (the socket opens while it loads).
        const queued = early.splice(0);
        setTimeout(() => queued.forEach((args) => emit("msg:custom", ...args)), 0);
      }
    },
    off(name, callback) {
      if (!name) handlers.clear();
      else if (!callback) handlers.delete(name);
      else if (handlers.has(name)) handlers.get(name).delete(callback);
    },
    save_changes() {}, // nothing is synced back: actions go by send()
    send() {}, // replaced by the connection below
  };
  const early = []; // msg:custom events before anyone listens (kept, not lost)
  function emit(name, ...args) {
    if (name === "msg:custom" && !(handlers.get(name) || new Set()).size) {
      early.push(args);
      return;
    }
    for (const callback of [...(handlers.get(name) || [])]) {
      try {
        callback(...args);
      } catch (e) {
        console.error(e); // one broken listener must not stop the others
      }
    }
  }
  return { model, emit };
}

// ---- the connection ---------------------------------------------------------------------------

function connectModel({ model, emit }, { url, base, defaultRoom, token }) {
  let socket = null;
  let everOpen = false;
  let attempt = 0;
  let retryTimer = null;
  let stallTimer = null;
  let heard = 0; // when the current socket last brought anything
  const inflight = new Map(); // action id -> {text, sentAt, retried}: sent and not answered yet

  function answerLocally(id, code, message) {
    setTimeout(() => emit("msg:custom", { type: "error", id, code, message }, []), 0);
  }

  function room() {
    // After joining (possibly with a code typed on a page opened without one) the joined room's code.
    const view = model.get("view");
    if (view && view.stage === "room" && view.room && view.room.code) return String(view.room.code);
    return defaultRoom;
  }

  function connect() {
    clearTimeout(retryTimer);
    retryTimer = null;
    let ws;
    try {
      ws = new WebSocket(url);
    } catch (e) {
      schedule();
      return;
    }
    socket = ws;
    ws.onopen = () => {
      if (socket !== ws) return;
      ws.send(JSON.stringify({ type: "hello", token, room: room() }));
      heard = performance.now();
      everOpen = true;
      model.set("connection", "open");
      for (const [id, entry] of inflight) { // after the hello: the retries, once each, in order
        if (entry.retried || performance.now() - entry.sentAt > RETRY_WITHIN_MS) {
          inflight.delete(id);
          answerLocally(id, "connection-lost", DROPPED);
        } else {
          Object.assign(entry, { retried: true, sentAt: performance.now() });
          ws.send(entry.text);
        }
      }
      watch();
    };
    ws.onmessage = (event) => {
      if (socket !== ws) return;
      attempt = 0; // the server answers: the next loss starts again at the shortest wait
      heard = performance.now();
      receive(event.data);
    };
    ws.onclose = () => lost(ws);
    ws.onerror = () => {}; // a close event follows
  }

  // The socket is gone (or dead): actions not answered wait for the next one, except a retry.
  function lost(ws) {
    if (socket !== ws) return;
    socket = null;
    clearTimeout(stallTimer);
    for (const [id, entry] of inflight) {
      if (entry.retried) {
        inflight.delete(id);
        answerLocally(id, "connection-lost", DROPPED);
      }
    }
    model.set("connection", everOpen ? "reconnecting" : "connecting");
    schedule();
  }

  // Half-dead Wi-Fi: the socket looks open but nothing comes back. Give up on it and reconnect.
  function watch() {
    clearTimeout(stallTimer);
    if (!socket || !inflight.size) return;
    const oldest = Math.min(...[...inflight.values()].map((entry) => entry.sentAt));
    const wait = Math.max(oldest, heard) + SILENT_MS - performance.now();
    if (wait > 0) {
      stallTimer = setTimeout(watch, wait);
      return;
    }
    const ws = socket;
    lost(ws);
    try {
      ws.close();
    } catch (e) {
      // already closing
    }
  }

  function schedule() {
    clearTimeout(retryTimer);
    const ceiling = Math.min(MAX_DELAY_MS, MIN_DELAY_MS * 2 ** attempt);
    attempt += 1;
    const delay = ceiling / 2 + Math.random() * (ceiling / 2); // jitter: a class doesn't come back at once
    retryTimer = setTimeout(connect, delay);
  }

  function now() {
    // Wi-Fi back or the phone woke up: try at once instead of waiting out the backoff.
    if (socket === null) {
      attempt = 0;
      connect();
    }
  }

  function receive(data) {
    let msg;
    try {
      msg = JSON.parse(data);
    } catch (e) {
      return;
    }
    if (!msg || typeof msg !== "object") return;
    if (msg.type === "view") {
      model.set("view", msg.view);
      lessons.want(msg.view);
    } else if (msg.type === "status") {
      // The server is up but its database is away (a restart): the page says "reconnecting".
      if (socket && socket.readyState === WebSocket.OPEN) {
        model.set("connection", msg.connection === "reconnecting" ? "reconnecting" : "open");
      }
    } else if (msg.type === "ack" || msg.type === "error") {
      // An id-less error for a message the server could not read answers the oldest one waiting.
      const unread = msg.type === "error" && (msg.id === null || msg.id === undefined) &&
        (msg.code === "slow-down" || String(msg.code || "").startsWith("message-"));
      inflight.delete(unread ? inflight.keys().next().value : msg.id);
      emit("msg:custom", msg, []);
    }
  }

  model.send = (message) => {
    const id = message && Number.isInteger(message.id) ? message.id : null;
    if (!socket || socket.readyState !== WebSocket.OPEN || model.get("connection") !== "open") {
      answerLocally(id, "offline", OFFLINE);
      return;
    }
    const text = JSON.stringify(message);
    if (new TextEncoder().encode(text).length > MAX_BYTES) {
      answerLocally(id, "too-large", TOO_LARGE);
      return;
    }
    socket.send(text);
    if (id !== null) {
      inflight.set(id, { text, sentAt: performance.now(), retried: false });
      watch();
    }
  };

  // The lesson's text, fetched when the view names a lesson the page does not have.
  const lessons = {
    loaded: null,
    loading: null,
    failures: 0,
    timer: null,
    want(view) {
      const id = view && view.reading && view.reading.lesson ? String(view.reading.lesson) : null;
      if (!id || id === this.loaded || id === this.loading) return;
      clearTimeout(this.timer);
      this.load(id);
    },
    load(id) {
      this.loading = id;
      fetch(`${base}debate-kit/lesson/${encodeURIComponent(id)}.json`, { credentials: "same-origin" })
        .then((response) => {
          if (!response.ok) throw new Error(`HTTP ${response.status}`);
          return response.json();
        })
        .then((lesson) => {
          if (this.loading !== id) return;
          this.loading = null;
          this.loaded = id;
          this.failures = 0;
          model.set("lesson", lesson);
        })
        .catch(() => {
          if (this.loading !== id) return;
          this.loading = null;
          this.failures += 1;
          const delay = Math.min(30000, 1000 * 2 ** this.failures) * (0.5 + Math.random() / 2);
          this.timer = setTimeout(() => this.want(model.get("view")), delay);
        });
    },
  };

  window.addEventListener("online", now);
  document.addEventListener("visibilitychange", () => {
    if (document.visibilityState === "visible") now();
  });
  connect();
}

// ---- start ------------------------------------------------------------------------------------

function start() {
  const data = document.body.dataset;
  let base = data.base || "/";
  if (!base.endsWith("/")) base += "/";
  const scheme = location.protocol === "https:" ? "wss" : "ws";
  const el = document.getElementById("dk-app");
  const pair = createModel();
  connectModel(pair, {
    url: `${scheme}://${location.host}${base}debate-kit/ws`,
    base,
    defaultRoom: data.room || "",
    // "cookie": the server keeps this device's token in a cookie scripts cannot read (behind a
    // JupyterHub); the token sent here is then only for a browser that refused the cookie.
    token: data.device === "cookie" ? randomToken() : deviceToken(),
  });
  // student.js: inlined before this script by the server's one-response page (debate_kit/server/page.py
  // sets window.debateKitStudent), else next to this file, with this file's cache buster (?v=...).
  const inlined = window.debateKitStudent;
  const version = new URL(import.meta.url).search;
  const loading = inlined ? Promise.resolve({ default: inlined })
    : import(new URL(`./student.js${version}`, import.meta.url).href);
  loading
    .then(async (module) => {
      const widget = typeof module.default === "function" ? await module.default() : module.default;
      widget.render({ model: pair.model, el });
    })
    .catch((error) => {
      console.error(error);
      el.textContent = "This page could not load. Check the Wi-Fi, then reload the page.";
    });
}

start();
