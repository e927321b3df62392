// DeviceIdentity: the browser side. Keeps a random device token (and teacher keys) in localStorage
// and hands them to the kernel as a custom message, never as synced widget state.
const TOKEN_KEY = "debate_kit.device";
const TEACHER_PREFIX = "debate_kit.teacher.";
const CONSOLE_KEY = "debate_kit.console"; // the console's place: room code, tab, mode (no secret)

function randomToken() {
  // crypto.getRandomValues works on plain-http LAN addresses; crypto.randomUUID does not.
  const bytes = new Uint8Array(16);
  crypto.getRandomValues(bytes);
  return Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
}

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

let pageToken = null;

function deviceToken(s) {
  let token = s ? s.getItem(TOKEN_KEY) : pageToken;
  if (!token || !/^[0-9a-f]{32}$/.test(token)) {
    token = randomToken();
    if (s) s.setItem(TOKEN_KEY, token);
    pageToken = token;
  }
  return token;
}

function teacherKeys(s) {
  const keys = {};
  if (!s) return keys;
  for (let i = 0; i < s.length; i++) {
    const name = s.key(i);
    if (name && name.startsWith(TEACHER_PREFIX)) keys[name.slice(TEACHER_PREFIX.length)] = s.getItem(name);
  }
  return keys;
}

function consoleState(s) {
  try {
    return JSON.parse((s && s.getItem(CONSOLE_KEY)) || "null");
  } catch (e) {
    return null;
  }
}

function hello(model) {
  const s = storage();
  model.send({
    kind: "hello",
    token: deviceToken(s),
    teacher_keys: teacherKeys(s),
    page: window.location.origin + window.location.pathname,
    console: consoleState(s),
  });
}

// Heartbeat: a ping every PING_MS. No pong for LOST_MS means the kernel, the server or the network is
// gone. On a Voila page (console, results) a "Reconnecting" banner then shows, and the page asks the
// server's public `debate-kit/alive` every ALIVE_MS: when the server answers but the kernel does not (a
// restarted server has no kernel for this page), the page reloads itself once and comes back in its room.
// Votes and answers are already in the store.
const TICK_MS = 1000;
const PING_MS = 2000;
const LOST_MS = 5000;
const LAB_LOST_MS = 12000; // in JupyterLab a long cell delays pongs: wait longer there
const FIRST_PONG_MS = 15000; // a page whose kernel is still starting gets longer for its first pong
const ALIVE_MS = 2000;
const KERNEL_GONE_MS = 30000; // the same server run answers, this page's kernel does not: reload
const SLOW_MS = 30000; // after this long without the server, the banner says what to do
const HEALTHY_MS = 60000; // a page answered this long after a reload: the next reload needs no back-off
const RELOAD_KEY = "debate_kit.reloaded";
const LOST_TEXT = "The connection to the class server is lost. Your votes and answers are saved: " +
  "reload this page when the server (or the Wi-Fi) is back.";
const RECONNECTING = "Reconnecting to the class server…";
const STILL_TEXT = "Reconnecting to the class server… It does not answer yet: check that debate_kit is " +
  "still running on the teacher's computer and that this device is on the same network. Votes and " +
  "answers are saved; this page comes back by itself.";

function banner(text) {
  let box = document.querySelector(".dk-connection-lost");
  if (text && !box) {
    box = document.createElement("div");
    box.className = "dk-connection-lost";
    document.body.prepend(box);
  }
  if (!text) {
    if (box) box.remove();
    return;
  }
  const gentle = text !== LOST_TEXT;
  box.classList.toggle("dk-reconnecting", gentle);
  box.setAttribute("role", gentle ? "status" : "alert");
  if (box.textContent !== text) box.textContent = text;
}

// The server's base URL when this is a Voila page ({base}voila/render/NAME.ipynb), else null.
function voilaBase() {
  const path = window.location.pathname;
  const at = path.indexOf("/voila/render/");
  return at >= 0 ? path.slice(0, at + 1) : null;
}

async function serverBoot(base) {
  try {
    const answer = await fetch(base + "debate-kit/alive", { cache: "no-store", credentials: "same-origin" });
    const data = answer.ok ? await answer.json() : null;
    return data && typeof data.boot === "string" ? data.boot : null;
  } catch (e) {
    return null; // the server is not back yet
  }
}

function session() {
  try {
    return window.sessionStorage;
  } catch (e) {
    return null;
  }
}

// Reload, unless this tab reloaded itself a moment ago (then wait: 15 s, 30 s, ... up to 5 minutes).
function reloadOnce(loadedAt) {
  const s = session();
  let last = { at: 0, count: 0 };
  try {
    last = JSON.parse((s && s.getItem(RELOAD_KEY)) || "null") || last;
  } catch (e) {
    // a damaged entry: start again
  }
  const wait = last.count ? Math.min(15000 * 2 ** (last.count - 1), 300000) : 0;
  if (Date.now() - last.at < wait || (!s && Date.now() - loadedAt < HEALTHY_MS)) return false;
  if (s) s.setItem(RELOAD_KEY, JSON.stringify({ at: Date.now(), count: last.count + 1 }));
  window.location.reload();
  return true;
}

function reconnector(base) {
  const loadedAt = Date.now();
  let boot = null;
  let timer = null;
  let lostAt = 0;
  let answeringSince = 0;
  let reloading = false;
  serverBoot(base).then((found) => {
    boot = boot || found;
  });

  async function poll() {
    const now = await serverBoot(base);
    if (!timer || reloading) return;
    if (now === null) {
      answeringSince = 0;
      if (Date.now() - lostAt > SLOW_MS) banner(STILL_TEXT);
      return;
    }
    banner(RECONNECTING);
    answeringSince = answeringSince || Date.now();
    const restarted = boot === null || now !== boot;
    if (restarted || Date.now() - answeringSince > KERNEL_GONE_MS) reloading = reloadOnce(loadedAt);
  }

  return {
    lost() {
      if (timer) return;
      lostAt = Date.now();
      answeringSince = 0;
      banner(RECONNECTING);
      timer = setInterval(poll, ALIVE_MS);
      poll();
    },
    found() {
      if (timer) clearInterval(timer);
      timer = null;
      banner(null);
      const s = session();
      if (s && Date.now() - loadedAt > HEALTHY_MS) s.removeItem(RELOAD_KEY);
    },
  };
}

function heartbeat(model) {
  const base = voilaBase();
  const link = base === null ? null : reconnector(base);
  const started = Date.now();
  let lastPong = 0;
  let lastPing = 0;
  let lastTick = Date.now();
  const timer = setInterval(() => {
    const now = Date.now();
    if (now - lastTick > 2 * PING_MS && lastPong) lastPong = now - PING_MS; // the tab slept: a fresh chance
    lastTick = now;
    if (now - lastPing >= PING_MS) {
      lastPing = now;
      try {
        model.send({ kind: "ping" });
      } catch (e) {
        // no connection: the check below notices
      }
    }
    const quiet = lastPong ? now - lastPong > (link ? LOST_MS : LAB_LOST_MS) : now - started > FIRST_PONG_MS;
    if (quiet) {
      if (link) link.lost();
      else banner(LOST_TEXT);
    }
  }, TICK_MS);
  model.on("msg:custom", (msg) => {
    if (msg && msg.kind === "pong") {
      lastPong = Date.now();
      if (link) link.found();
      else banner(null);
    }
  });
  return () => clearInterval(timer);
}

function render({ model, el }) {
  el.classList.add("dk-identity");
  el.style.display = "none";
  const stop = heartbeat(model);
  model.on("msg:custom", (msg) => {
    const s = storage();
    if (msg && msg.kind === "keep-teacher-key" && s) {
      s.setItem(TEACHER_PREFIX + msg.code, msg.key);
    } else if (msg && msg.kind === "forget-teacher-key" && s) {
      s.removeItem(TEACHER_PREFIX + msg.code);
    } else if (msg && msg.kind === "remember-console" && s) {
      s.setItem(CONSOLE_KEY, JSON.stringify(msg.state || null));
    } else if (msg && msg.kind === "ask") {
      hello(model);
    }
  });
  hello(model);
  return stop;
}

export default { render };
