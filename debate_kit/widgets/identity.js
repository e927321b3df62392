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

function render({ model, el }) {
  el.classList.add("dk-identity");
  el.style.display = "none";
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
}

export default { render };
