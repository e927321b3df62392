// DeviceIdentity: the browser side. Keeps a random device token (and teacher keys) in localStorage
// and hands them to the kernel as a custom message, never as synced widget state.
const TOKEN_KEY = "debate_kit.device";
const TEACHER_PREFIX = "debate_kit.teacher.";

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

function hello(model) {
  const s = storage();
  model.send({
    kind: "hello",
    token: deviceToken(s),
    teacher_keys: teacherKeys(s),
    page: window.location.origin + window.location.pathname,
  });
}

// Heartbeat: a ping every PING_MS; no pong for LOST_MS means the server, the kernel or the network is
// gone, and the page says so (votes and answers are already in the store: a reload picks them up).
const PING_MS = 4000;
const LOST_MS = 12000;
const LOST_TEXT = "The connection to the class server is lost. Your votes and answers are saved: " +
  "reload this page when the server (or the Wi-Fi) is back.";

function banner(show) {
  let box = document.querySelector(".dk-connection-lost");
  if (show && !box) {
    box = document.createElement("div");
    box.className = "dk-connection-lost";
    box.setAttribute("role", "alert");
    box.textContent = LOST_TEXT;
    document.body.prepend(box);
  } else if (!show && box) {
    box.remove();
  }
}

function heartbeat(model) {
  let lastPong = Date.now();
  let lastTick = Date.now();
  const timer = setInterval(() => {
    const now = Date.now();
    if (now - lastTick > 2 * PING_MS) lastPong = now; // the tab slept (phone): give it a fresh chance
    lastTick = now;
    try {
      model.send({ kind: "ping" });
    } catch (e) {
      // no connection: the timeout below shows the banner
    }
    if (now - lastPong > LOST_MS) banner(true);
  }, PING_MS);
  model.on("msg:custom", (msg) => {
    if (msg && msg.kind === "pong") {
      lastPong = Date.now();
      banner(false);
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
    } else if (msg && msg.kind === "ask") {
      hello(model);
    }
  });
  hello(model);
  return stop;
}

export default { render };
