// debate_kit's student page: one front-end module in anywidget's format, used by the light page
// (page.js, over a websocket) and in notebooks (anywidget, over the kernel comm).
// The contract with Python is docs/student-protocol.md.
//
// Rules kept here: all text goes in with textContent/createElement (never innerHTML with data); the
// tree is built once and only the parts whose data changed are redrawn (a class of 150 gets a view
// several times a second), so focus and typed text survive; every answer (ack/error) is shown next
// to the control that was used, in a role="status" line.
//
// Stable CSS classes (tests and styles use them):
//   dk-student            the root (el)
//   dk-banner             connection banner (light page: "connecting"/"reconnecting"); dk-banner-slow:
//                         "Still trying…" (an action unanswered for 3 s, in both hosts)
//   dk-header, dk-room-title, dk-phase, dk-me, dk-notice
//   dk-status             every answer line (role="status"); dk-status-global: errors with no control;
//                         state classes dk-ok / dk-error / dk-pending
//   dk-loading            shown until the first view
//   join:     dk-join (form), dk-join-code, dk-join-name, dk-join-button, dk-join-anon, dk-join-room
//   polls:    dk-polls, dk-poll [data-poll], dk-question, dk-poll-state, dk-vote-options,
//             dk-vote-option [data-option, aria-pressed; dk-selected, dk-saving, dk-saved],
//             dk-vote-badge, dk-vote-mine, dk-poll-results, dk-bar-row, dk-bar, dk-poll-total
//   reading:  dk-reading, dk-lesson-title, dk-lesson-origin, dk-section-select, dk-section-count,
//             dk-section-prev, dk-section-next, dk-section [data-section], dk-section-title,
//             dk-paragraph, dk-counter-reading (details), dk-source-link, dk-prompt [data-prompt],
//             dk-answer (textarea) [data-prompt], dk-answer-save, dk-section-polls, dk-reading-wait
//   essay:    dk-essay (details: the reading, read-only, after the reading phase), dk-essay-toggle
//             (its summary), dk-read-only (the note), dk-reading.dk-reading-closed
//   speech:   dk-speech, dk-speech-label, dk-speech-clock (role=timer; dk-speech-over), dk-speech-state
//   seat:     dk-seat, dk-seat-now (your job now), dk-seat-text, dk-running-order (table), dk-my-speech
//             (row), dk-judges
//   scoring:  dk-scoring, dk-scoring-text, dk-score-speech (select), dk-score-criterion [data-criterion],
//             dk-score-value (radio input) + dk-score-label (its label), dk-score-select (used instead
//             of radios when max - min > 10), dk-score-comment, dk-score-submit, dk-score-saved
//   results:  dk-results, dk-swing-block, dk-swing (table), dk-winner, dk-voters, dk-rule, dk-speech-scores,
//             dk-my-summary, dk-my-votes, dk-my-answers, dk-my-feedback, dk-feedback-criteria,
//             dk-feedback-comments

const SLOW_MS = 3000; // no answer after this long: "still trying", on the control and in the banner
const WAIT_MS = 20000; // no answer after this long: say so (the answer may still come)
const STILL_TRYING = "Still trying to reach the class server… Keep this page open.";
const MAX_RADIOS = 11; // more values than this: a <select> instead of a row of buttons
const BANNER = {
  connecting: "Connecting to the class…",
  reconnecting: "Connection lost: reconnecting… What you already saved is safe. " +
    "Wait until this message goes before you save again.",
  slow: "Still trying to reach the class server… Keep this page open: nothing shows as saved until it answers.",
};

let instances = 0;

// ---- small helpers ----------------------------------------------------------------------------

const PROPS = new Set(["hidden", "disabled", "value", "checked", "readOnly", "tabIndex"]);

function h(tag, props, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(props || {})) {
    if (value === null || value === undefined || value === false) continue;
    if (key === "class") node.className = value;
    else if (key === "text") node.textContent = String(value);
    else if (key.startsWith("on")) node.addEventListener(key.slice(2), value);
    else if (PROPS.has(key)) node[key] = value;
    else node.setAttribute(key, value === true ? "" : String(value));
  }
  append(node, children);
  return node;
}

function append(node, children) {
  for (const child of children.flat(Infinity)) {
    if (child === null || child === undefined || child === false) continue;
    node.append(child instanceof Node ? child : String(child)); // strings become text nodes
  }
}

function str(value) {
  return value === null || value === undefined ? "" : String(value);
}

function same(a, b) {
  return JSON.stringify(a) === JSON.stringify(b);
}

function focused(node) {
  const root = node.getRootNode ? node.getRootNode() : document;
  return (root.activeElement || document.activeElement) === node;
}

function percent(value) {
  return typeof value === "number" && Number.isFinite(value) ? `${value.toFixed(1)}%` : "–";
}

function signed(value) {
  if (typeof value !== "number" || !Number.isFinite(value)) return "–";
  const text = Math.abs(value).toFixed(1);
  return value > 0 ? `+${text}` : value < 0 ? `−${text}` : "0.0";
}

// A table's header row; a column given as [title] holds figures (right-aligned, never broken).
function head(columns) {
  return h("thead", {}, h("tr", {}, columns.map((c) =>
    h("th", { scope: "col", class: Array.isArray(c) ? "dk-num" : null, text: Array.isArray(c) ? c[0] : c }))));
}

function bar(share) {
  const fill = h("span", { class: "dk-bar-fill" });
  fill.style.width = `${share}%`; // CSSOM, not a style attribute (the light page's CSP)
  return fill;
}

// An error the server could not tie to an action (its id unreadable, or refused before reading:
// too many messages, too big) comes with id null; the server answers in order, so it belongs to the
// oldest action still waiting.
function unattributed(msg) {
  return msg.type === "error" && (msg.id === null || msg.id === undefined) &&
    (msg.code === "slow-down" || String(msg.code || "").startsWith("message-"));
}

function safeUrl(url) {
  try {
    const parsed = new URL(str(url));
    return parsed.protocol === "https:" || parsed.protocol === "http:" ? parsed.href : null;
  } catch (e) {
    return null;
  }
}

function statusLine(extra) {
  const node = h("p", { class: `dk-status${extra ? " " + extra : ""}`, role: "status", "aria-live": "polite" });
  return {
    node,
    kind: "",
    set(kind, text) {
      this.kind = kind;
      node.classList.toggle("dk-ok", kind === "ok");
      node.classList.toggle("dk-error", kind === "error");
      node.classList.toggle("dk-pending", kind === "pending");
      if (node.textContent !== text) node.textContent = text;
    },
    clear() {
      this.set("", "");
    },
    answer(msg, okText) {
      if (msg.type === "ack") this.set("ok", str(msg.message) || okText);
      else this.set("error", str(msg.message) || "That did not work. Please try again.");
    },
  };
}

// ---- the shared context: ids, actions and their answers --------------------------------------

// An action's key: the same when page.js sends it again, so the server does it once.
function actionKey() {
  const bytes = new Uint8Array(12);
  crypto.getRandomValues(bytes);
  return Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
}

function makeContext(model) {
  const prefix = `dk${++instances}-`;
  let counter = 0;
  let nextId = 1;
  const pending = new Map(); // action id -> {onAnswer, timers, slow}
  const ctx = {
    model,
    global: statusLine("dk-status-global"),
    onSlow: () => {}, // the banner: set by render()
    slow: () => [...pending.values()].some((entry) => entry.slow),
    uid(name) {
      counter += 1;
      return `${prefix}${name}-${counter}`;
    },
    // Send an action; `onAnswer(msg)` gets its ack or error. `status` says "still trying" after SLOW_MS.
    act(message, onAnswer, status) {
      const id = nextId++;
      const later = (ms, text) => setTimeout(() => {
        const entry = pending.get(id);
        if (!entry) return;
        entry.slow = true;
        if (status) status.set("pending", text);
        ctx.onSlow();
      }, ms);
      const timers = [later(SLOW_MS, STILL_TRYING), later(WAIT_MS, "No answer from the class server yet. " +
        "Check the Wi-Fi; if nothing changes, try again.")];
      pending.set(id, { onAnswer, timers, slow: false });
      try {
        model.send({ type: message.type, id, key: actionKey(), ...message });
      } catch (e) {
        ctx.receive({ type: "error", id, code: "send", message: "Could not send: check the connection and try again." });
      }
      return id;
    },
    receive(msg) {
      if (!msg || typeof msg !== "object" || (msg.type !== "ack" && msg.type !== "error")) return;
      if (unattributed(msg) && pending.size) msg = { ...msg, id: pending.keys().next().value };
      const entry = pending.get(msg.id);
      if (entry) {
        pending.delete(msg.id);
        entry.timers.forEach(clearTimeout);
        entry.onAnswer(msg);
        if (entry.slow) ctx.onSlow();
      } else if (msg.type === "error") {
        ctx.global.set("error", str(msg.message) || "Something went wrong.");
      }
    },
    stop() {
      for (const entry of pending.values()) entry.timers.forEach(clearTimeout);
      pending.clear();
    },
  };
  return ctx;
}

// ---- header and join --------------------------------------------------------------------------

function makeHeader() {
  const title = h("h1", { class: "dk-room-title" });
  const phase = h("p", { class: "dk-phase" });
  const me = h("p", { class: "dk-me" });
  const notice = h("p", { class: "dk-notice" });
  // One polite live region: a new phase or notice is read out; nothing else here changes.
  const node = h("header", { class: "dk-header" }, title, h("div", { "aria-live": "polite" }, phase, notice), me);
  let last = null;
  return {
    node,
    update(view) {
      const room = view.room || null;
      const data = [view.stage, room, view.me, view.notice];
      if (same(data, last)) return;
      last = data;
      const joined = view.stage === "room";
      title.textContent = joined ? str(room && room.title) || "Class debate" : "Join the class debate";
      phase.textContent = joined && room ? str(room.phase_label) : "";
      phase.hidden = !phase.textContent;
      me.textContent = joined && view.me && view.me.name ? `You: ${view.me.name}` : "";
      me.hidden = !me.textContent;
      notice.textContent = str(view.notice);
      notice.hidden = !notice.textContent;
    },
  };
}

function makeJoin(ctx) {
  const codeId = ctx.uid("code");
  const nameId = ctx.uid("name");
  const hintId = ctx.uid("hint");
  const code = h("input", {
    id: codeId, class: "dk-join-code", type: "text", autocomplete: "off", autocapitalize: "characters",
    spellcheck: "false", maxlength: "12", placeholder: "e.g. K7QF",
  });
  const name = h("input", {
    id: nameId, class: "dk-join-name", type: "text", autocomplete: "off", maxlength: "60",
    placeholder: "First name or nickname", "aria-describedby": hintId,
  });
  const hint = h("p", { class: "dk-hint", id: hintId, text: "Your class sees this name in the running order." });
  const room = h("p", { class: "dk-join-room", hidden: true });
  const join = h("button", { type: "submit", class: "dk-join-button dk-primary", text: "Join" });
  const anon = h("button", { type: "button", class: "dk-join-anon", text: "Join anonymously" });
  const status = statusLine();
  let codeTyped = false;
  let hub = null;
  code.addEventListener("input", () => { codeTyped = true; });

  function send(anonymous) {
    const roomCode = code.value.trim();
    if (!roomCode) {
      status.set("error", "Type the room code shown on the board.");
      code.focus();
      return;
    }
    const who = hub || name.value.trim();
    if (!anonymous && !who) {
      status.set("error", "Type your name, or press “Join anonymously”.");
      name.focus();
      return;
    }
    status.set("pending", "Joining…");
    ctx.act({ type: "join", room: roomCode, name: anonymous ? "" : who, anonymous }, (msg) => {
      if (msg.type === "ack") {
        status.clear();
        ctx.global.set("ok", str(msg.message) || "You have joined.");
      } else {
        status.answer(msg);
      }
    }, status);
  }

  const node = h("form", {
    class: "dk-join", novalidate: true,
    onsubmit: (event) => { event.preventDefault(); send(false); },
  },
  h("p", { class: "dk-hint", text: "Type the code on the board and your name." }),
  room,
  h("div", { class: "dk-field" }, h("label", { for: codeId, text: "Room code" }), code),
  h("div", { class: "dk-field" }, h("label", { for: nameId, text: "Your name" }), name, hint),
  h("div", { class: "dk-buttons" }, join, anon),
  status.node);
  anon.addEventListener("click", () => send(true));

  let last = null;
  return {
    node,
    update(view) {
      const data = [view.join, view.room];
      if (same(data, last)) return;
      last = data;
      const j = view.join || {};
      if (!codeTyped && !focused(code)) code.value = str(j.code);
      const r = view.room;
      room.textContent = r && r.code ? `Room ${r.code}${r.title ? `: ${r.title}` : ""}` : "";
      room.hidden = !room.textContent;
      hub = j.hub_user ? str(j.hub_user) : null;
      if (hub) {
        name.value = hub;
        name.readOnly = true;
        hint.textContent = "You are signed in: your school account's name is used.";
      } else if (name.readOnly) {
        name.readOnly = false;
        name.value = "";
        hint.textContent = "Your class sees this name in the running order.";
      }
      anon.hidden = Boolean(hub);
    },
  };
}

// ---- polls ------------------------------------------------------------------------------------

function makePoll(ctx, headingLevel) {
  const qid = ctx.uid("question");
  const question = h(headingLevel, { class: "dk-question", id: qid });
  const state = h("p", { class: "dk-poll-state" });
  const options = h("div", { class: "dk-vote-options", role: "group", "aria-labelledby": qid });
  const mine = h("p", { class: "dk-vote-mine" });
  const status = statusLine();
  const results = h("div", { class: "dk-poll-results", hidden: true });
  const node = h("section", { class: "dk-poll", "aria-labelledby": qid }, question, state, options, mine,
    status.node, results);
  let poll = null;
  let local = null; // the vote this page sent: {option, id, saved}
  let buttons = new Map();
  let optionsKey = null;
  let resultsKey = null;

  function vote(option) {
    if (!poll || poll.state !== "open") return;
    const pollId = poll.id;
    const id = ctx.act({ type: "vote", poll: pollId, option }, (msg) => {
      if (local && local.id === id) {
        if (msg.type === "ack") local.saved = true;
        else local = null;
      }
      status.answer(msg, "Vote saved.");
      paint();
    }, status);
    local = { option, id, saved: false };
    status.set("pending", "Saving your vote…");
    paint();
  }

  function buildOptions() {
    buttons = new Map();
    options.replaceChildren();
    for (const option of poll.options || []) {
      const text = str(option);
      const badge = h("span", { class: "dk-vote-badge", "aria-hidden": "true" });
      const button = h("button", {
        type: "button", class: "dk-vote-option", "data-option": text, "aria-pressed": "false",
        onclick: () => vote(text),
      }, h("span", { class: "dk-vote-text", text }), badge);
      buttons.set(text, { button, badge });
      options.append(button);
    }
  }

  function paint() {
    const open = poll.state === "open";
    const chosen = local ? local.option : poll.mine;
    for (const [option, { button, badge }] of buttons) {
      const pressed = chosen !== null && chosen !== undefined && option === chosen;
      const saving = pressed && local !== null && !local.saved;
      button.setAttribute("aria-pressed", pressed ? "true" : "false");
      button.classList.toggle("dk-selected", pressed);
      button.classList.toggle("dk-saving", saving);
      button.classList.toggle("dk-saved", pressed && !saving);
      if (button.disabled !== !open) button.disabled = !open;
      const text = !pressed ? "" : saving ? "Saving…" : open ? "✓ Saved" : "✓ Your vote";
      if (badge.textContent !== text) badge.textContent = text;
    }
    let text;
    if (chosen !== null && chosen !== undefined) {
      text = `Your vote: ${chosen}${local && !local.saved ? " (saving…)" : open ? " (saved)" : ""}.`;
    } else {
      text = open ? "You have not voted yet." : "You did not vote.";
    }
    if (mine.textContent !== text) mine.textContent = text;
  }

  function paintResults() {
    const res = poll.state === "revealed" ? poll.results : null;
    const key = JSON.stringify([res, poll.mine]);
    if (key === resultsKey) return;
    resultsKey = key;
    results.replaceChildren();
    results.hidden = !res;
    if (!res) return;
    const list = h("ul", { class: "dk-bars" });
    for (const row of res.rows || []) {
      const share = Math.max(0, Math.min(100, Number(row.percent) || 0));
      const yours = poll.mine !== null && poll.mine !== undefined && str(row.option) === str(poll.mine);
      const count = Number(row.count) || 0;
      list.append(h("li", { class: `dk-bar-row${yours ? " dk-mine" : ""}` },
        h("span", { class: "dk-bar-label" },
          h("span", { class: "dk-bar-option", text: str(row.option) }),
          h("span", { class: "dk-bar-figure", text: ` ${count} ${count === 1 ? "vote" : "votes"} (${share}%)` }),
          yours ? h("span", { class: "dk-bar-yours", text: " · your vote" }) : null),
        h("span", { class: "dk-bar", "aria-hidden": "true" },
          bar(share))));
    }
    const total = Number(res.total) || 0;
    results.append(h("h4", { class: "dk-results-title", text: "Results" }), list,
      h("p", { class: "dk-poll-total", text: `${total} ${total === 1 ? "vote" : "votes"} in all.` }));
  }

  return {
    node,
    update(next) {
      if (same(next, poll)) return;
      poll = next;
      node.dataset.poll = str(poll.id);
      if (question.textContent !== str(poll.question)) question.textContent = str(poll.question);
      if (state.textContent !== str(poll.state_text)) state.textContent = str(poll.state_text);
      const key = JSON.stringify(poll.options || []);
      if (key !== optionsKey) {
        optionsKey = key;
        buildOptions();
      }
      // The page's own vote shows while it is being saved; once acknowledged, each new view (sent
      // after the commit) is the truth, even if another device of this student voted since.
      if (local && (local.saved || poll.state !== "open")) local = null;
      node.classList.toggle("dk-poll-open", poll.state === "open");
      paint();
      paintResults();
    },
  };
}

// Keeps one poll component per poll id, each in the container `place(poll)` chooses, in view order.
function makePollSet(ctx) {
  const polls = new Map();
  return {
    sync(list, place) {
      const seen = new Set();
      const order = new Map(); // container -> [node]
      for (const poll of list) {
        if (!poll || poll.id === undefined || seen.has(poll.id)) continue;
        seen.add(poll.id);
        const box = place(poll);
        let item = polls.get(poll.id);
        if (!item || item.level !== box.level) {
          if (item) item.node.remove();
          item = makePoll(ctx, box.level);
          item.level = box.level;
          polls.set(poll.id, item);
        }
        item.update(poll);
        if (!order.has(box.node)) order.set(box.node, []);
        order.get(box.node).push(item.node);
      }
      for (const [id, item] of polls) {
        if (!seen.has(id)) {
          item.node.remove();
          polls.delete(id);
        }
      }
      for (const [container, nodes] of order) {
        // Move nodes only where the order differs (moving a focused button would lose its focus).
        nodes.forEach((node, i) => {
          if (container.children[i] !== node) container.insertBefore(node, container.children[i] || null);
        });
      }
    },
  };
}

// ---- reading ----------------------------------------------------------------------------------

function makePrompt(ctx, prompt, initial) {
  const id = ctx.uid("answer");
  const promptId = str(prompt.id);
  const textarea = h("textarea", {
    id, class: "dk-answer", rows: "4", maxlength: "5000", "data-prompt": promptId,
  });
  const save = h("button", { type: "button", class: "dk-answer-save", text: "Save answer" });
  const status = statusLine();
  const kind = str(prompt.kind);
  const node = h("div", { class: "dk-prompt", "data-prompt": promptId },
    h("label", { for: id, class: "dk-prompt-text" },
      kind ? h("span", { class: "dk-prompt-kind", text: kind.charAt(0).toUpperCase() + kind.slice(1) }) : null,
      str(prompt.text)),
    textarea, h("div", { class: "dk-buttons" }, save), status.node);
  // `server` is the last text the server has; `clean` means the box holds nothing the student typed
  // since (so a new view may replace it); `deferred` is a server text waiting for the box to lose focus.
  const st = { server: str(initial.server), clean: initial.clean !== false, deferred: null };
  textarea.value = initial.value !== undefined ? initial.value : st.server;

  textarea.addEventListener("input", () => {
    st.deferred = null;
    st.clean = textarea.value === st.server;
    if (!st.clean && status.kind === "ok") status.set("", "Changed since you saved: press Save again.");
  });
  textarea.addEventListener("blur", () => {
    if (st.clean && st.deferred !== null) {
      textarea.value = st.deferred;
      st.deferred = null;
    }
  });
  save.addEventListener("click", () => {
    const text = textarea.value;
    status.set("pending", "Saving…");
    ctx.act({ type: "answer", prompt: promptId, text }, (msg) => {
      if (msg.type === "ack") {
        st.server = text;
        st.clean = textarea.value === text;
      }
      status.answer(msg, "Answer saved.");
    }, status);
  });

  const note = h("p", { class: "dk-read-only", hidden: true });
  node.append(note);

  return {
    node,
    state() {
      return { server: st.server, clean: st.clean, value: textarea.value };
    },
    // After the reading phase the answer stays visible but cannot be changed (the server refuses it).
    setReadOnly(on) {
      if (on && !textarea.readOnly && status.kind !== "pending") status.clear(); // no stale "Answer saved."
      textarea.readOnly = on;
      save.hidden = on;
      const unsaved = on && !st.clean;
      note.textContent = unsaved ? "Not saved: the reading ended before you saved this. Your saved answer is kept."
        : on && !st.server ? "You did not answer this one." : "";
      note.hidden = !note.textContent;
    },
    dirty() {
      return !st.clean && !textarea.readOnly; // read-only: nothing the student could still save
    },
    setServer(text) {
      const value = str(text);
      if (value === st.server) return;
      st.server = value;
      if (textarea.value === value) {
        st.clean = true;
        st.deferred = null;
      } else if (st.clean) {
        if (focused(textarea)) st.deferred = value;
        else textarea.value = value;
      }
      // not clean: the student's typing stays; it is theirs to save
    },
  };
}

function makeReading(ctx) {
  const selectId = ctx.uid("section");
  const title = h("h2", { class: "dk-lesson-title" });
  const origin = h("p", { class: "dk-lesson-origin" });
  const wait = h("p", { class: "dk-reading-wait", text: "Loading the reading…" });
  const select = h("select", { id: selectId, class: "dk-section-select" });
  const count = h("p", { class: "dk-section-count", "aria-live": "polite" });
  const prev = h("button", { type: "button", class: "dk-section-prev", text: "← Previous" });
  const next = h("button", { type: "button", class: "dk-section-next", text: "Next →" });
  const top = h("div", { class: "dk-section-nav" },
    h("label", { for: selectId, text: "Section" }), select, count);
  const sectionsBox = h("div", { class: "dk-sections" });
  const bottom = h("div", { class: "dk-buttons dk-section-steps" }, prev, next);
  const body = h("div", { class: "dk-lesson", hidden: true }, title, origin, top, sectionsBox, bottom);
  const node = h("section", { class: "dk-reading", hidden: true }, wait, body);
  let lessonKey = null;
  let sections = []; // [{id, node, heading, polls}]
  let current = 0;
  let prompts = new Map(); // prompt id -> prompt component
  let answers = {};

  function show(index, moveFocus) {
    if (!sections.length) return;
    current = Math.max(0, Math.min(sections.length - 1, index));
    sections.forEach((s, i) => { if (s.node.hidden !== (i !== current)) s.node.hidden = i !== current; });
    if (select.value !== String(current)) select.value = String(current);
    prev.disabled = current === 0;
    next.disabled = current === sections.length - 1;
    count.textContent = `Section ${current + 1} of ${sections.length}`;
    if (moveFocus) sections[current].heading.focus();
  }

  select.addEventListener("change", () => show(Number(select.value), false));
  prev.addEventListener("click", () => show(current - 1, true));
  next.addEventListener("click", () => show(current + 1, true));

  function counterReading(reading) {
    const written = str(reading.written);
    const sources = (reading.sources || []).map((source) => {
      const label = [str(source.outlet), str(source.title)].filter(Boolean).join(": ") +
        (source.date ? ` (${source.date})` : "");
      const href = safeUrl(source.url);
      return h("li", {}, href
        ? h("a", { class: "dk-source-link", href, target: "_blank", rel: "noopener noreferrer" },
          label || href, h("span", { class: "dk-visually-hidden", text: " (opens in a new tab)" }))
        : label);
    });
    return h("details", { class: "dk-counter-reading" },
      h("summary", {}, h("span", { class: "dk-counter-title", text: `Another view: ${str(reading.title)}` }),
        written ? h("span", { class: "dk-written", text: ` · written ${written}` }) : null),
      (reading.paragraphs || []).map((p) => h("p", { class: "dk-paragraph", text: str(p) })),
      sources.length ? [h("p", { class: "dk-sources-title", text: "Sources" }), h("ul", { class: "dk-sources" }, sources)] : null);
  }

  function build(lesson) {
    const keep = new Map();
    for (const [id, prompt] of prompts) keep.set(id, prompt.state());
    const keepSection = sections[current] ? sections[current].id : null;
    prompts = new Map();
    sections = [];
    title.textContent = str(lesson.title) || "Reading";
    origin.textContent = str(lesson.origin);
    origin.hidden = !origin.textContent;
    select.replaceChildren();
    sectionsBox.replaceChildren();
    (lesson.sections || []).forEach((section, i) => {
      const sid = str(section.id);
      const heading = h("h3", { class: "dk-section-title", tabindex: "-1", text: str(section.title) || `Section ${i + 1}` });
      const polls = h("div", { class: "dk-section-polls" });
      const promptNodes = (section.prompts || []).map((prompt) => {
        const pid = str(prompt.id);
        const kept = keep.get(pid);
        const item = makePrompt(ctx, prompt, kept || { server: answers[pid] });
        if (kept) item.setServer(answers[pid]);
        prompts.set(pid, item);
        return item.node;
      });
      const node = h("article", { class: "dk-section", "data-section": sid, hidden: true },
        heading,
        (section.paragraphs || []).map((p) => h("p", { class: "dk-paragraph", text: str(p) })),
        (section.readings || []).map(counterReading),
        promptNodes.length ? h("div", { class: "dk-prompts" }, promptNodes) : null,
        polls);
      sections.push({ id: sid, node, heading, polls });
      select.append(h("option", { value: String(i), text: `${i + 1}. ${heading.textContent}` }));
      sectionsBox.append(node);
    });
    const again = sections.findIndex((s) => s.id === keepSection);
    show(again >= 0 ? again : 0, false);
    top.hidden = sections.length < 2;
    bottom.hidden = sections.length < 2;
  }

  return {
    node,
    dirty() {
      for (const prompt of prompts.values()) if (prompt.dirty()) return true;
      return false;
    },
    update(reading, lesson) {
      node.hidden = !reading;
      if (!reading) return;
      const readOnly = reading.read_only === true;
      node.classList.toggle("dk-reading-closed", readOnly);
      answers = reading.answers && typeof reading.answers === "object" ? reading.answers : {};
      const usable = lesson && typeof lesson === "object" && Array.isArray(lesson.sections) &&
        (!lesson.id || !reading.lesson || lesson.id === reading.lesson);
      wait.hidden = Boolean(usable);
      body.hidden = !usable;
      if (!usable) return;
      const key = JSON.stringify(lesson);
      if (key !== lessonKey) {
        lessonKey = key;
        build(lesson);
      }
      for (const [pid, prompt] of prompts) {
        prompt.setServer(answers[pid]);
        prompt.setReadOnly(readOnly);
      }
    },
    // Where a poll for `sectionId` goes (null: not a section of the shown lesson).
    sectionBox(sectionId) {
      if (node.hidden || body.hidden) return null;
      const found = sections.find((s) => s.id === str(sectionId));
      return found ? found.polls : null;
    },
  };
}

// ---- seat -------------------------------------------------------------------------------------

// The speech on the teacher's clock: who speaks, and the time left, counted down on this phone's own
// clock from what the server said (no two clocks need to agree).
function clockText(total) {
  const sign = total < 0 ? "-" : "";
  const t = Math.abs(Math.ceil(total));
  return sign + Math.floor(t / 60) + ":" + String(t % 60).padStart(2, "0");
}

function makeSpeech() {
  const label = h("p", { class: "dk-speech-label" });
  const clock = h("p", { class: "dk-speech-clock", role: "timer", "aria-live": "off" });
  const state = h("p", { class: "dk-speech-state" });
  const node = h("section", { class: "dk-speech", hidden: true, "aria-label": "The speech now" },
    h("h2", { text: "Now speaking" }), label, clock, state);
  let last;
  let endsAt = null;
  let left = 0;
  let ticker = null;
  function draw() {
    const r = endsAt === null ? left : (endsAt - performance.now()) / 1000;
    clock.textContent = clockText(r);
    clock.classList.toggle("dk-speech-over", r <= 0);
    state.textContent = endsAt === null ? "Paused" : r <= 0 ? "Time is up" : "";
    state.hidden = !state.textContent;
  }
  return {
    node,
    update(speech) {
      if (same(speech, last)) return;
      last = speech;
      if (ticker) clearInterval(ticker);
      ticker = null;
      node.hidden = !speech;
      if (!speech) return;
      label.textContent = str(speech.label) + (speech.speaker ? ` — ${str(speech.speaker)}` : "");
      left = Number(speech.left) || 0;
      endsAt = speech.running ? performance.now() + left * 1000 : null;
      if (speech.running) ticker = setInterval(draw, 250);
      draw();
    },
    stop() {
      if (ticker) clearInterval(ticker);
    },
  };
}

function makeSeat() {
  const node = h("section", { class: "dk-seat", hidden: true });
  let last;
  return {
    node,
    // `me`: this student's name; their own row of the running order is marked ("speaker" in a seat is
    // the position on the side, e.g. 2 for "2nd speaker", not a row of the running order).
    update(seat, me) {
      if (same([seat, me], last)) return;
      last = [seat, me];
      node.hidden = !seat;
      node.replaceChildren();
      if (!seat) return;
      node.append(h("h2", { text: "Your seat" }));
      if (seat.now) {
        node.append(h("div", { class: "dk-seat-now" },
          h("h3", { text: "Your job now" }), h("p", { text: str(seat.now) })));
      }
      if (!seat.now || str(seat.text) !== str(seat.now)) {
        node.append(h("p", { class: "dk-seat-text", text: str(seat.text) }));
      }
      const order = Array.isArray(seat.order) ? seat.order : [];
      if (order.length) {
        node.append(h("table", { class: "dk-running-order" },
          h("caption", { text: seat.debate ? `Running order, debate ${seat.debate}` : "Running order" }),
          head(["#", "Speech", "Speaker", ["Minutes"]]),
          h("tbody", {}, order.map((row) => {
            const mine = Boolean(me) && str(row.speaker) === me;
            return h("tr", { class: mine ? "dk-my-speech" : null },
              h("td", { class: "dk-num", text: str(row.order) }),
              h("td", {}, str(row.label), mine ? h("strong", { text: " (you)" }) : null),
              h("td", { text: str(row.speaker) }),
              h("td", { class: "dk-num", text: str(row.minutes) }));
          }))));
      }
      const judges = Array.isArray(seat.judges) ? seat.judges.map(str) : [];
      if (judges.length) node.append(h("p", { class: "dk-judges", text: `Judges: ${judges.join(", ")}` }));
    },
  };
}

// ---- scoring ----------------------------------------------------------------------------------

function makeScoring(ctx) {
  const speechId = ctx.uid("speech");
  const commentId = ctx.uid("comment");
  const text = h("p", { class: "dk-scoring-text" });
  const speech = h("select", { id: speechId, class: "dk-score-speech" });
  const savedNote = h("p", { class: "dk-score-saved", hidden: true });
  const criteriaBox = h("div", { class: "dk-score-criteria" });
  // The cards the speech's side cited (issue 19 item 3), inside the evidence criterion's box.
  const citedBox = h("div", { class: "dk-score-cards" });
  const comment = h("textarea", { id: commentId, class: "dk-score-comment", rows: "3", maxlength: "1000" });
  const submit = h("button", { type: "submit", class: "dk-score-submit dk-primary", text: "Save scores" });
  const status = statusLine();
  const form = h("form", { class: "dk-score-form", novalidate: true },
    h("div", { class: "dk-field" }, h("label", { for: speechId, text: "Speech to score" }), speech),
    savedNote, criteriaBox,
    h("div", { class: "dk-field" }, h("label", { for: commentId, text: "Comment (optional)" }), comment),
    h("div", { class: "dk-buttons" }, submit), status.node);
  const empty = h("p", { class: "dk-score-none", text: "No speech to score yet.", hidden: true });
  const node = h("section", { class: "dk-scoring", hidden: true },
    h("h2", { text: "Score the speeches" }), text, empty, form);
  let data = null;
  let shapeKey = null;
  let speechesKey = null;
  let selected = null; // speech id
  let loadedMine = null; // JSON of the `mine` the form was loaded from
  let dirty = false;
  let controls = []; // [{id, read(), write(v), disable(b)}]

  function speechById(id) {
    return (data && data.speeches || []).find((s) => s.id === id) || null;
  }

  function read() {
    const values = {};
    for (const c of controls) values[c.id] = c.read();
    return { values, comment: comment.value };
  }

  function write(values, text) {
    for (const c of controls) c.write(values && Number.isInteger(values[c.id]) ? values[c.id] : null);
    comment.value = str(text);
  }

  // Show speech `id` with this student's saved marks for it, or an empty form: never another
  // speech's marks.
  function load(id) {
    selected = id;
    const item = speechById(id);
    const mine = item ? item.mine : null;
    loadedMine = JSON.stringify(mine || null);
    write(mine ? mine.values : null, mine ? mine.comment : "");
    dirty = false;
    if (speech.value !== String(id)) speech.value = String(id);
    savedNote.textContent = mine ? "You have saved scores for this speech; you can change them." : "";
    savedNote.hidden = !mine;
    drawCited(item);
  }

  function drawCited(item) {
    const cards = (item && Array.isArray(item.cards)) ? item.cards : [];
    citedBox.replaceChildren(h("p", { class: "dk-score-cards-title", text: cards.length
      ? `Cards this side cited (${cards.length}):` : "This side tagged no cards in its speeches." }),
    ...cards.map((c) => h("div", { class: "dk-score-card", "data-card": c.id },
      h("p", {}, h("strong", { text: "Claim: " }), str(c.claim)),
      h("p", {}, h("strong", { text: "Evidence: " }), str(c.evidence)),
      h("p", { class: "dk-hint" }, [str(c.outlet), str(c.date)].filter(Boolean).join(", "),
        c.url ? [" — ", h("span", { class: "dk-card-url-text", text: str(c.url) })] : null,
        ` · Trust: ${CHOICE_TEXT[c.trust] || str(c.trust)} · Cited in: ${(c.cited_in || []).map(str).join(", ")}`))));
  }

  function criterion(c, min, max) {
    const cid = str(c.id);
    const legendId = ctx.uid("crit");
    const helpId = ctx.uid("help");
    const help = str(c.help);
    const wrap = h("fieldset", { class: "dk-score-criterion", "data-criterion": cid, "aria-describedby": help ? helpId : null },
      h("legend", { id: legendId, text: str(c.label) || cid }),
      help ? h("p", { class: "dk-hint", id: helpId, text: help }) : null);
    if (max - min + 1 <= MAX_RADIOS) {
      const group = ctx.uid("g");
      const inputs = [];
      const row = h("div", { class: "dk-score-choices" });
      for (let v = min; v <= max; v += 1) {
        const id = ctx.uid("v");
        const input = h("input", { type: "radio", class: "dk-score-value", name: group, id, value: String(v) });
        inputs.push(input);
        row.append(h("span", { class: "dk-choice" }, input, h("label", { class: "dk-score-label", for: id, text: String(v) })));
      }
      wrap.append(row, h("p", { class: "dk-score-scale", text: `${min} = weakest, ${max} = strongest` }));
      return {
        id: cid, node: wrap,
        read: () => { const on = inputs.find((i) => i.checked); return on ? Number(on.value) : null; },
        write: (v) => { for (const i of inputs) i.checked = v !== null && Number(i.value) === v; },
        disable: (b) => { for (const i of inputs) i.disabled = b; },
      };
    }
    const selectId = ctx.uid("sel");
    const select = h("select", { id: selectId, class: "dk-score-select", "aria-labelledby": legendId },
      h("option", { value: "", text: "Choose a mark" }));
    for (let v = min; v <= max; v += 1) select.append(h("option", { value: String(v), text: String(v) }));
    wrap.append(select);
    return {
      id: cid, node: wrap,
      read: () => (select.value === "" ? null : Number(select.value)),
      write: (v) => { select.value = v === null ? "" : String(v); },
      disable: (b) => { select.disabled = b; },
    };
  }

  function buildCriteria() {
    const min = Number.isInteger(data.min) ? data.min : 1;
    const max = Number.isInteger(data.max) && data.max >= min ? data.max : min + 4;
    const before = controls.length ? read() : null;
    controls = (data.criteria || []).map((c) => criterion(c, min, max));
    criteriaBox.replaceChildren(...controls.map((c) => c.node));
    const home = (data.criteria || []).findIndex((c) => c.cards === true);
    if (home >= 0) controls[home].node.append(citedBox);
    else criteriaBox.prepend(citedBox);
    if (before) write(before.values, before.comment);
  }

  function buildSpeeches() {
    speech.replaceChildren(...(data.speeches || []).map((s) =>
      h("option", { value: String(s.id), text: `${str(s.label)}${s.mine ? " ✓ scored" : ""}` })));
  }

  form.addEventListener("input", (event) => {
    if (event.target !== speech) dirty = true;
  });
  form.addEventListener("change", (event) => {
    if (event.target !== speech) dirty = true;
  });
  speech.addEventListener("change", () => {
    const left = dirty ? speechById(selected) : null;
    load(Number(speech.value));
    if (left) status.set("", `Marks you had not saved for “${str(left.label)}” were not kept.`);
    else status.clear();
  });
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    if (!data || selected === null) return;
    const { values, comment: note } = read();
    const missing = controls.filter((c) => values[c.id] === null);
    if (missing.length) {
      const names = missing.map((c) => c.node.querySelector("legend").textContent).join(", ");
      status.set("error", `Choose a mark for: ${names}.`);
      const first = missing[0].node.querySelector("input, select");
      if (first) first.focus();
      return;
    }
    const target = selected;
    const label = str((speechById(target) || {}).label);
    status.set("pending", "Saving…");
    ctx.act({ type: "score", speech: target, values, comment: note }, (msg) => {
      if (msg.type === "ack" && selected === target && same(read(), { values, comment: note })) dirty = false;
      const own = selected === target;
      if (msg.type === "ack") status.set("ok", `${own ? "" : label + ": "}${str(msg.message) || "Scores saved."}`);
      else status.set("error", `${own ? "" : label + ": "}${str(msg.message) || "Not saved."}`);
    }, status);
  });

  return {
    node,
    dirty: () => dirty,
    update(scoring) {
      node.hidden = !scoring;
      if (!scoring || same(scoring, data)) return;
      data = scoring;
      text.textContent = str(scoring.text);
      const speeches = Array.isArray(scoring.speeches) ? scoring.speeches : [];
      empty.hidden = speeches.length > 0;
      form.hidden = speeches.length === 0;
      const shape = JSON.stringify([scoring.criteria, scoring.min, scoring.max]);
      if (shape !== shapeKey) {
        shapeKey = shape;
        buildCriteria();
      }
      const sKey = JSON.stringify(speeches.map((s) => [s.id, s.label, Boolean(s.mine)]));
      if (sKey !== speechesKey) {
        speechesKey = sKey;
        buildSpeeches();
      }
      const current = speechById(selected);
      if (!current) {
        const first = speeches.find((s) => !s.mine) || speeches[0];
        if (first) load(first.id);
        else selected = null;
      } else {
        if (speech.value !== String(selected)) speech.value = String(selected);
        if (!dirty && JSON.stringify(current.mine || null) !== loadedMine) load(selected);
        savedNote.hidden = !current.mine;
        if (current.mine) savedNote.textContent = "You have saved scores for this speech; you can change them.";
        drawCited(current);
      }
      const closed = scoring.open === false;
      for (const c of controls) c.disable(closed);
      comment.disabled = closed;
      submit.disabled = closed;
    },
  };
}

// ---- results ----------------------------------------------------------------------------------

function outOf(s) {
  const mean = typeof s.mean === "number" && Number.isFinite(s.mean) ? s.mean.toFixed(1) : null;
  if (mean === null) return "–";
  return Number.isFinite(Number(s.max)) && Number(s.max) > 0 ? `${mean} out of ${s.max}` : mean;
}

// "For (Proposition)": the option, then the debate side it stands for (lighter; wraps between words).
function optionLabel(option, label) {
  const rest = label.startsWith(`${option} `) ? label.slice(option.length + 1) : "";
  return rest ? [option, " ", h("span", { class: "dk-side-name", text: rest })] : label;
}

function swingBlock(swing) {
  const before = swing.before || {};
  const after = swing.after || {};
  const change = swing.change || {};
  const labels = swing.labels && typeof swing.labels === "object" ? swing.labels : {};
  const names = [...new Set([...Object.keys(before), ...Object.keys(after), ...Object.keys(change)])];
  const winner = swing.winner_text ? str(swing.winner_text)
    : swing.winner && swing.winner !== "Tie" ? `Winner (the side that gained more): ${str(swing.winner)}`
      : "A tie: neither side gained more than the other.";
  const voters = swing.voters_text ? str(swing.voters_text)
    : `Voters: ${str(swing.voters_before ?? "–")} before, ${str(swing.voters_after ?? "–")} after.`;
  return h("div", { class: "dk-swing-block" },
    h("h3", { class: "dk-motion", text: str(swing.motion) }),
    h("table", { class: "dk-swing" },
      h("caption", { text: "Share of voters before and after the debate (%), and the change in points" }),
      head(["Option", ["Before"], ["After"], ["Change"]]),
      h("tbody", {}, names.map((name) => h("tr", { class: name === swing.winner ? "dk-winner-row" : null },
        h("th", { scope: "row" }, optionLabel(name, str(labels[name] || name))),
        h("td", { class: "dk-num", text: percent(before[name]) }),
        h("td", { class: "dk-num", text: percent(after[name]) }),
        h("td", { class: "dk-num", text: signed(change[name]) }))))),
    h("p", { class: "dk-winner", text: winner }),
    swing.rule ? h("p", { class: "dk-rule" }, h("strong", { text: "The rule: " }), str(swing.rule)) : null,
    h("p", { class: "dk-voters", text: voters }));
}

// This student's own summary: their votes, their answers, the feedback on their own speech.
function mySummary(mine) {
  const votes = Array.isArray(mine.votes) ? mine.votes : [];
  const answers = Array.isArray(mine.answers) ? mine.answers : [];
  const feedback = Array.isArray(mine.feedback) ? mine.feedback : [];
  const node = h("section", { class: "dk-my-summary", "aria-label": "Your summary" },
    h("h3", { text: "Your summary" }));
  if (votes.length) {
    node.append(h("h4", { text: "Your votes" }),
      h("ul", { class: "dk-my-votes" }, votes.map((v) => h("li", { text: str(v.text) }))));
  }
  node.append(h("h4", { text: "Your answers" }));
  if (answers.length) {
    node.append(h("dl", { class: "dk-my-answers" }, answers.map((a) => [
      h("dt", { text: str(a.question) }), h("dd", { text: str(a.answer) })])));
  } else {
    node.append(h("p", { text: "You did not save any answers." }));
  }
  if (feedback.length || mine.feedback_text) node.append(h("h4", { text: "Feedback on your speech" }));
  if (mine.feedback_text) node.append(h("p", { class: "dk-feedback-later", text: str(mine.feedback_text) }));
  for (const f of feedback) {
    const criteria = Array.isArray(f.criteria) ? f.criteria : [];
    const comments = Array.isArray(f.comments) ? f.comments : [];
    node.append(h("div", { class: "dk-my-feedback" },
      h("p", { class: "dk-feedback-speech" }, h("strong", { text: str(f.label) })),
      h("p", { class: "dk-feedback-total", text: str(f.text) }),
      criteria.length ? h("ul", { class: "dk-feedback-criteria" }, criteria.map((c) => h("li", { text: str(c.text) }))) : null,
      h("p", { class: "dk-feedback-comments-title", text: comments.length ? "Comments to you:" : "No comments were written to you." }),
      comments.length ? h("ul", { class: "dk-feedback-comments" }, comments.map((c) => h("li", { text: str(c) }))) : null));
  }
  return node;
}

function makeResults() {
  const node = h("section", { class: "dk-results", hidden: true });
  let last;
  return {
    node,
    update(results) {
      if (same(results, last)) return;
      last = results;
      node.hidden = !results;
      node.replaceChildren();
      if (!results) return;
      node.append(h("h2", { text: "Results" }));
      if (results.text) node.append(h("p", { class: "dk-results-text", text: str(results.text) }));
      for (const swing of results.swings || []) node.append(swingBlock(swing));
      const speeches = results.speeches || [];
      if (speeches.length) {
        node.append(h("h3", { text: "Speech scores" }), h("table", { class: "dk-speech-scores" },
          h("caption", { text: "Average total mark per speech" }),
          head(["Speech", ["Scores"], ["Average"]]),
          h("tbody", {}, speeches.map((s) => h("tr", {},
            h("th", { scope: "row", text: str(s.label) }),
            h("td", { class: "dk-num", text: str(s.n) }),
            h("td", { class: "dk-num", text: outOf(s) }))))));
      }
      if (results.mine && typeof results.mine === "object") node.append(mySummary(results.mine));
    },
  };
}

// ---- evidence cards (issue 19) ------------------------------------------------------------------
// The student's own cards (made while reading and preparing) and, once sides are out, their team's
// deck. Classes: dk-cards, dk-cards-text, dk-card-form, dk-card-pick, dk-card-use-selection,
// dk-card-source, dk-card-field [data-field] (dk-card-claim, dk-card-evidence, dk-card-outlet,
// dk-card-date, dk-card-url, dk-card-behind, dk-card-others, dk-card-trust, dk-card-trust-reason,
// dk-card-reasoning, dk-card-helps), dk-card-question, dk-card-save, dk-card-cancel, dk-card-list,
// dk-card [data-card], dk-card-link, dk-card-url-text, dk-card-edit, dk-card-delete, dk-deck,
// dk-deck-text, dk-deck-card [data-card], dk-card-author, dk-card-marks, dk-card-mark [aria-pressed],
// dk-card-cited; the speaker's panel (issue 19 item 3): dk-tagging, dk-tag-speech, dk-tag [data-card]
// [aria-pressed].

const CARD_FIELDS = [
  ["claim", "Claim", "textarea", "A passage of the essay or a counter-reading, or your own words."],
  ["evidence", "Evidence", "textarea", "A short quote or figure."],
  ["outlet", "Source: outlet", "input", ""],
  ["date", "Source: date (optional)", "input", ""],
  ["url", "Source: link (optional, http:// or https://)", "input", ""],
  ["behind", "Who is behind the source?", "textarea", ""],
  ["others", "What do other sources say?", "textarea", ""],
  ["trust", "Trust rating", "select", ""],
  ["trust_reason", "One reason for your rating", "input", ""],
  ["reasoning", "Reasoning: how does the evidence support or undermine the claim?", "textarea", ""],
  ["helps", "Which side does it help?", "select", ""],
];
const CHOICE_TEXT = { high: "High", medium: "Medium", low: "Low", proposition: "Proposition (for)",
  opposition: "Opposition (against)", both: "Both" };

function short(text, n) {
  const s = str(text);
  return s.length > n ? s.slice(0, n - 1) + "…" : s;
}

// A card's content, read-only: every part as text; the link as text plus a link only if it is http(s).
function cardBody(card) {
  const f = card.fields || {};
  const link = safeUrl(card.link);
  const source = [str(f.outlet), str(f.date)].filter(Boolean).join(", ");
  return [
    h("p", { class: "dk-card-claim-text" }, h("strong", { text: "Claim: " }), str(f.claim)),
    h("p", {}, h("strong", { text: "Evidence: " }), str(f.evidence)),
    h("p", {}, h("strong", { text: "Source: " }), source,
      f.url ? [" — ", h("span", { class: "dk-card-url-text", text: str(f.url) })] : null,
      link ? [" ", h("a", { class: "dk-card-link", href: link, target: "_blank", rel: "noopener noreferrer",
        text: "(open)" })] : null),
    h("p", {}, h("strong", { text: "Behind it: " }), str(f.behind)),
    h("p", {}, h("strong", { text: "Other sources: " }), str(f.others)),
    h("p", {}, h("strong", { text: "Trust: " }), CHOICE_TEXT[f.trust] || str(f.trust), " — ", str(f.trust_reason)),
    h("p", {}, h("strong", { text: "Reasoning: " }), str(f.reasoning)),
    h("p", {}, h("strong", { text: "Helps: " }), CHOICE_TEXT[f.helps] || str(f.helps)),
  ];
}

// Passages a claim can be picked from: the lesson's key claims, the essay's paragraphs, the readings'.
function passages(lesson) {
  const out = [];
  (lesson && Array.isArray(lesson.claims) ? lesson.claims : []).forEach((c, i) =>
    out.push({ ref: `claim-${i + 1}`, label: `Key claim ${i + 1}: ${short(c.quote, 70)}`, text: str(c.quote) }));
  const readings = new Map();
  for (const s of (lesson && lesson.sections) || []) {
    (s.paragraphs || []).forEach((p, i) =>
      out.push({ ref: s.id, label: `${short(s.title, 30)} ¶${i + 1}: ${short(p, 50)}`, text: str(p) }));
    for (const r of s.readings || []) readings.set(r.id, r);
  }
  for (const r of readings.values()) {
    (r.paragraphs || []).forEach((p, i) =>
      out.push({ ref: r.id, label: `${short(r.title, 30)} ¶${i + 1}: ${short(p, 50)}`, text: str(p) }));
  }
  return { out, readings: [...readings.values()] };
}

function makeCards(ctx) {
  const status = statusLine();
  const text = h("p", { class: "dk-cards-text dk-hint" });
  const inputs = {};
  const questions = {};
  let refs = { claim_from: "", source_ref: "" };
  let editing = null; // the id of the card being edited, or null for a new one
  let lessonSeen = null;
  let picks = [];
  let sources = [];
  const formTitle = h("h3", { text: "New card" });
  const pick = h("select", { class: "dk-card-pick", "aria-label": "Pick a passage for the claim" });
  const sourcePick = h("select", { class: "dk-card-source", "aria-label": "Pick one of the lesson's sources" });
  const useSelection = h("button", { type: "button", class: "dk-card-use-selection", text: "Use the text I selected" });
  const urlPreview = h("p", { class: "dk-hint dk-card-url-preview" });
  const fieldNodes = CARD_FIELDS.map(([name, label, kind, hint]) => {
    const id = ctx.uid(`card-${name}`);
    let input;
    if (kind === "select") {
      const options = name === "trust" ? ["high", "medium", "low"] : ["proposition", "opposition", "both"];
      input = h("select", { id }, h("option", { value: "", text: "Choose…" }),
        options.map((o) => h("option", { value: o, text: CHOICE_TEXT[o] })));
    } else if (kind === "textarea") {
      input = h("textarea", { id, rows: 3 });
    } else {
      input = h("input", { id, type: name === "url" ? "url" : "text" });
    }
    input.classList.add("dk-card-field", `dk-card-${name.replace("_", "-")}`);
    input.dataset.field = name;
    inputs[name] = input;
    questions[name] = h("p", { class: "dk-hint dk-card-question", text: hint });
    return h("div", { class: "dk-card-row" }, h("label", { for: id, text: label }), questions[name], input,
      name === "claim" ? [pick, useSelection] : null, name === "outlet" ? sourcePick : null,
      name === "url" ? urlPreview : null);
  });
  const save = h("button", { type: "button", class: "dk-card-save dk-primary", text: "Save card" });
  const cancel = h("button", { type: "button", class: "dk-card-cancel", text: "Cancel editing", hidden: true });
  const form = h("div", { class: "dk-card-form" }, formTitle, fieldNodes, save, cancel, status.node);
  const list = h("ul", { class: "dk-card-list" });
  const deckText = h("p", { class: "dk-deck-text dk-hint" });
  const listStatus = statusLine(); // one line per list: it survives the list's redraw after the answer
  const deckStatus = statusLine();
  const deckList = h("ul", { class: "dk-deck-list" });
  const deck = h("section", { class: "dk-deck", hidden: true }, h("h3", { text: "Your team's deck" }), deckText,
    deckStatus.node, deckList);
  const tagStatus = statusLine();
  const tagList = h("div", { class: "dk-tag-list" });
  const tagging = h("section", { class: "dk-tagging", hidden: true }, h("h3", { text: "Cards in your speech" }),
    h("p", { class: "dk-tagging-text dk-hint" }), tagStatus.node, tagList);
  const node = h("section", { class: "dk-cards", hidden: true }, h("h2", { text: "Evidence cards" }), tagging,
    text, form, h("h3", { text: "Your cards" }), listStatus.node, list, deck);
  let lastMine = null;
  let lastDeck = null;
  let lastTags = null;
  let mine = [];

  function showUrl() {
    const url = inputs.url.value.trim();
    urlPreview.replaceChildren();
    if (!url) return;
    const safe = safeUrl(url);
    urlPreview.append(safe ? "Link: " : "Not a web link (it must start with http:// or https://): ",
      h("span", { class: "dk-card-url-text", text: url }));
  }
  inputs.url.addEventListener("input", showUrl);
  inputs.claim.addEventListener("input", () => { refs.claim_from = ""; });
  pick.addEventListener("change", () => {
    const chosen = picks[Number(pick.value)];
    if (chosen) { inputs.claim.value = chosen.text.slice(0, 600); refs.claim_from = chosen.ref; }
    pick.value = "";
  });
  useSelection.addEventListener("click", () => {
    const chosen = str(window.getSelection ? window.getSelection().toString() : "").trim();
    if (chosen) { inputs.claim.value = chosen.slice(0, 600); refs.claim_from = ""; }
    else status.set("error", "Select a sentence in the essay first (press and hold on a phone), then tap here.");
  });
  sourcePick.addEventListener("change", () => {
    const chosen = sources[Number(sourcePick.value)];
    if (chosen) {
      inputs.outlet.value = str(chosen.source.outlet);
      inputs.date.value = str(chosen.source.date);
      inputs.url.value = str(chosen.source.url);
      refs.source_ref = `${chosen.reading}:${chosen.source.id}`;
      showUrl();
    }
    sourcePick.value = "";
  });
  for (const name of ["outlet", "date", "url"]) inputs[name].addEventListener("input", () => { refs.source_ref = ""; });

  function fill(card) {
    const f = (card && card.fields) || {};
    for (const [name] of CARD_FIELDS) inputs[name].value = str(f[name]);
    refs = { claim_from: str(f.claim_from), source_ref: str(f.source_ref) };
    editing = card ? card.id : null;
    formTitle.textContent = card ? "Edit card" : "New card";
    cancel.hidden = !card;
    showUrl();
  }

  save.addEventListener("click", () => {
    const card = { ...refs };
    for (const [name] of CARD_FIELDS) card[name] = inputs[name].value;
    status.set("pending", "Saving your card…");
    save.disabled = true;
    const message = editing === null ? { type: "card_new", card } : { type: "card_edit", card_id: editing, card };
    ctx.act(message, (msg) => {
      save.disabled = false;
      status.answer(msg, "Card saved.");
      if (msg.type === "ack") fill(null);
    }, status);
  });
  cancel.addEventListener("click", () => { fill(null); status.clear(); });

  function setLesson(lesson) {
    if (!lesson || lesson === lessonSeen) return;
    lessonSeen = lesson;
    const found = passages(lesson);
    picks = found.out;
    sources = found.readings.flatMap((r) => (r.sources || []).map((source) => ({ reading: r.id, source })));
    pick.replaceChildren(h("option", { value: "", text: "Pick a passage…" }),
      ...picks.map((p, i) => h("option", { value: String(i), text: p.label })));
    sourcePick.replaceChildren(h("option", { value: "", text: "Pick one of the lesson's sources…" }),
      ...sources.map((s, i) => h("option", { value: String(i),
        text: `${short(s.source.outlet, 40)}, ${str(s.source.date)}: ${short(s.source.title, 50)}` })));
    pick.hidden = !picks.length;
    sourcePick.hidden = !sources.length;
  }

  function drawMine(cards, open) {
    list.replaceChildren(...cards.map((card) => {
      const item = h("li", { class: "dk-card", "data-card": card.id }, cardBody(card));
      if (open) {
        const line = listStatus;
        item.append(h("div", { class: "dk-card-actions" },
          h("button", { type: "button", class: "dk-card-edit", text: "Edit",
            onclick: () => { fill(card); form.scrollIntoView({ block: "start" }); inputs.claim.focus(); } }),
          h("button", { type: "button", class: "dk-card-delete", text: "Delete", onclick: () => {
            line.set("pending", "Deleting…");
            ctx.act({ type: "card_delete", card_id: card.id }, (msg) => line.answer(msg, "Card deleted."), line);
          } })));
      }
      return item;
    }));
    if (!cards.length) list.append(h("li", { class: "dk-hint", text: "No cards yet." }));
  }

  function drawDeck(view, marking) {
    deckText.textContent = str(view.text);
    deckList.replaceChildren(...(view.cards || []).map((card) => {
      const line = deckStatus;
      const marks = card.marked_by && card.marked_by.length ? `Marked for speeches by: ${card.marked_by.join(", ")}` : "Not marked yet.";
      const button = marking ? h("button", { type: "button", class: "dk-card-mark", "aria-pressed": card.marked ? "true" : "false",
        text: card.marked ? "Marked for my speech ✓ (tap to unmark)" : "Mark for my speech", onclick: () => {
          line.set("pending", "Saving…");
          ctx.act({ type: "card_mark", card_id: card.id, marked: !card.marked }, (msg) => line.answer(msg, "Saved."), line);
        } }) : null;
      return h("li", { class: "dk-deck-card", "data-card": card.id },
        h("p", { class: "dk-card-author", text: card.mine ? "Your card" : `By ${str(card.author)}` }),
        cardBody(card), h("p", { class: "dk-card-marks dk-hint", text: marks }),
        card.cited_in && card.cited_in.length ? h("p", { class: "dk-card-cited",
          text: `Cited in: ${card.cited_in.map(str).join(", ")}` }) : null, button);
    }));
    if (!(view.cards || []).length) deckList.append(h("li", { class: "dk-hint", text: "No team cards yet." }));
  }

  // The speaker tags their team's cards for the speech on the clock (or the one just given).
  function drawTagging(view, cards) {
    tagging.querySelector(".dk-tagging-text").textContent = str(view.text);
    tagList.replaceChildren(...(view.speeches || []).map((sp) => {
      const on = new Set(sp.tagged || []);
      return h("div", { class: "dk-tag-speech", "data-speech": str(sp.speech) },
        h("h4", { text: str(sp.label) }),
        cards.length ? h("ul", { class: "dk-deck-list" }, cards.map((card) => {
          const f = card.fields || {};
          const pressed = on.has(card.id);
          return h("li", { class: "dk-deck-card" },
            h("p", {}, h("strong", { text: "Claim: " }), str(f.claim)),
            h("p", { class: "dk-hint" }, `${str(f.outlet)}${f.date ? ", " + str(f.date) : ""}`),
            h("button", { type: "button", class: "dk-tag", "data-card": card.id, "aria-pressed": pressed ? "true" : "false",
              text: pressed ? `Used in ${str(sp.label)} ✓ (tap to untag)` : `I used this in ${str(sp.label)}`,
              onclick: () => {
                tagStatus.set("pending", "Saving…");
                ctx.act({ type: "card_tag", card_id: card.id, speech: str(sp.speech), tagged: !pressed },
                  (msg) => tagStatus.answer(msg, "Saved."), tagStatus);
              } }));
        })) : h("p", { class: "dk-hint", text: "Your team has no cards to tag." }));
    }));
  }

  return {
    node,
    dirty: () => CARD_FIELDS.some(([name]) => inputs[name].value.trim() !== "") && !node.hidden,
    update(view, lesson) {
      node.hidden = !view;
      if (!view) return;
      setLesson(lesson);
      text.textContent = str(view.text);
      form.hidden = !view.open;
      for (const name of Object.keys(view.questions || {})) questions[name].textContent = str(view.questions[name]);
      mine = Array.isArray(view.mine) ? view.mine : [];
      const mineKey = JSON.stringify([mine, view.open]);
      if (mineKey !== lastMine) { lastMine = mineKey; drawMine(mine, view.open); }
      deck.hidden = !view.deck;
      const deckKey = JSON.stringify([view.deck, view.marking]);
      if (view.deck && deckKey !== lastDeck) { lastDeck = deckKey; drawDeck(view.deck, view.marking); }
      tagging.hidden = !view.tagging;
      const tagKey = JSON.stringify([view.tagging, view.deck]);
      if (view.tagging && tagKey !== lastTags) {
        lastTags = tagKey;
        drawTagging(view.tagging, (view.deck && view.deck.cards) || []);
      }
      if (editing !== null && !mine.some((c) => c.id === editing)) fill(null); // deleted meanwhile
    },
  };
}

// ---- reflection on one's own swing (docs/student-protocol.md, "Reflection") ---------------------

function makeReflection(ctx) {
  const intro = h("p", { class: "dk-reflect-text dk-hint" });
  const list = h("div", { class: "dk-reflect-items" });
  const node = h("section", { class: "dk-reflect", hidden: true }, h("h2", { text: "Your swing" }), intro, list);
  const items = new Map(); // after-poll id -> {node, key, why, pick, saved}

  function makeItem(item, limit) {
    const status = statusLine();
    const whyId = ctx.uid("reflect-why");
    const pickId = ctx.uid("reflect-pick");
    const why = h("textarea", { id: whyId, class: "dk-reflect-why", rows: 3, maxlength: limit });
    const pick = h("select", { id: pickId, class: "dk-reflect-pick" }, h("option", { value: "", text: "Choose…" }),
      (item.options || []).map((o) => h("option", { value: str(o.value), text: str(o.label) })));
    const save = h("button", { type: "button", class: "dk-reflect-save dk-primary", text: "Save reflection" });
    const entry = { why, pick, saved: null };
    save.addEventListener("click", () => {
      status.set("pending", "Saving…");
      ctx.act({ type: "reflect", poll: item.poll, why: why.value, mattered: pick.value },
        (msg) => status.answer(msg, "Reflection saved."), status);
    });
    entry.node = h("div", { class: "dk-reflect-item", "data-poll": item.poll, "data-movement": str(item.movement) },
      h("p", { class: "dk-reflect-motion dk-hint", text: str(item.motion) }),
      h("p", { class: "dk-reflect-swing" }, h("strong", { text: str(item.text) })),
      h("p", { class: "dk-reflect-movement", text: str(item.movement_text) }),
      h("label", { for: whyId, text: str(item.question) }), why,
      h("label", { for: pickId, text: str(item.mattered_question) }), pick, save, status.node);
    return entry;
  }

  // The stored reflection fills the form unless the student is typing something else.
  function fill(entry, mine) {
    const saved = mine ? JSON.stringify(mine) : null;
    if (saved === entry.saved) return;
    const previous = entry.saved ? JSON.parse(entry.saved) : { why: "" };
    entry.saved = saved;
    if (!mine || focused(entry.why) || entry.why.value.trim() !== str(previous.why)) return;
    entry.why.value = str(mine.why);
    entry.pick.value = str(mine.mattered);
  }

  return {
    node,
    dirty: () => !node.hidden && [...items.values()].some((e) => e.why.value.trim() !== "" &&
      (!e.saved || JSON.parse(e.saved).why !== e.why.value.trim())),
    update(view) {
      node.hidden = !view;
      if (!view) return;
      intro.textContent = str(view.text);
      const seen = new Set();
      const order = [];
      for (const item of view.items || []) {
        seen.add(item.poll);
        const key = JSON.stringify([item.open, item.text, item.options, item.question]);
        let entry = items.get(item.poll);
        if (!entry || entry.key !== key) {
          const keep = entry && entry.why ? { why: entry.why.value, pick: entry.pick.value } : null;
          entry = item.open ? makeItem(item, view.limit) : { node: h("div", { class: "dk-reflect-item" },
            h("p", { class: "dk-reflect-motion dk-hint", text: str(item.motion) }),
            h("p", { class: "dk-reflect-none", text: str(item.text) })) };
          entry.key = key;
          if (keep && entry.why) { entry.why.value = keep.why; entry.pick.value = keep.pick; }
          items.set(item.poll, entry);
        }
        if (entry.why) fill(entry, item.mine);
        order.push(entry.node);
      }
      for (const poll of [...items.keys()]) if (!seen.has(poll)) items.delete(poll);
      if (order.some((n, i) => list.children[i] !== n) || list.children.length !== order.length) list.replaceChildren(...order);
    },
  };
}

// ---- the module -------------------------------------------------------------------------------

function render({ model, el }) {
  const ctx = makeContext(model);
  el.classList.add("dk-student");
  el.replaceChildren();
  const banner = h("div", { class: "dk-banner", role: "status", "aria-live": "polite" });
  const loading = h("p", { class: "dk-loading", text: "Loading…" });
  const header = makeHeader();
  const joinSlot = h("div", { class: "dk-join-slot" });
  const pollsBox = h("div", { class: "dk-polls" });
  const reading = makeReading(ctx);
  const seat = makeSeat();
  const speech = makeSpeech();
  const scoring = makeScoring(ctx);
  const results = makeResults();
  const cards = makeCards(ctx);
  const reflection = makeReflection(ctx);
  const pollSet = makePollSet(ctx);
  const readingSlot = h("div", { class: "dk-reading-slot" }, reading.node);
  // After the reading phase the essay, the other views and the student's answers stay one tap away.
  const essay = h("details", { class: "dk-essay", hidden: true },
    h("summary", { class: "dk-essay-toggle", text: "The essay and your answers" }),
    h("p", { class: "dk-hint", text: "Reading has ended: you can read the essay, the other views and your " +
      "answers here, but not change your answers." }));
  const body = h("div", { class: "dk-body", hidden: true },
    header.node, ctx.global.node, joinSlot, pollsBox, readingSlot, speech.node, seat.node, cards.node, essay,
    scoring.node, reflection.node, results.node);
  el.append(banner, loading, body);
  let join = null;
  let lastConnection;

  function paintBanner() {
    const connection = model.get("connection");
    const slow = ctx.slow() && connection !== "reconnecting" && connection !== "connecting";
    const state = slow ? "slow" : connection;
    if (state === lastConnection) return;
    lastConnection = state;
    const text = BANNER[state] || "";
    banner.textContent = text;
    banner.classList.toggle("dk-banner-on", Boolean(text));
    banner.classList.toggle("dk-banner-lost", connection === "reconnecting");
    banner.classList.toggle("dk-banner-slow", slow);
  }
  ctx.onSlow = paintBanner;

  function update() {
    paintBanner();
    const view = model.get("view");
    if (!view || typeof view !== "object" || !view.stage) { // none yet ({} is a notebook trait's default)
      loading.hidden = false;
      body.hidden = true;
      return;
    }
    loading.hidden = true;
    body.hidden = false;
    header.update(view);
    const inRoom = view.stage === "room";
    if (!inRoom) {
      if (!join) {
        join = makeJoin(ctx);
        joinSlot.append(join.node);
      }
      join.update(view);
    } else if (join) {
      join.node.remove();
      join = null;
    }
    const readingView = inRoom ? view.reading || null : null;
    const closed = Boolean(readingView && readingView.read_only === true);
    const home = closed ? essay : readingSlot;
    if (reading.node.parentNode !== home) home.append(reading.node);
    essay.hidden = !closed;
    reading.update(readingView, model.get("lesson"));
    const main = { node: pollsBox, level: "h2" };
    pollSet.sync(inRoom && Array.isArray(view.polls) ? view.polls : [], (poll) => {
      if (poll.section === null || poll.section === undefined) return main;
      const box = reading.sectionBox(poll.section);
      return box ? { node: box, level: "h4" } : main;
    });
    speech.update(inRoom ? view.speech || null : null);
    seat.update(inRoom ? view.seat || null : null, view.me && view.me.name ? str(view.me.name) : null);
    scoring.update(inRoom ? view.scoring || null : null);
    results.update(inRoom ? view.results || null : null);
    cards.update(inRoom ? view.cards || null : null, model.get("lesson"));
    reflection.update(inRoom ? view.reflection || null : null);
  }

  const onMessage = (msg) => ctx.receive(msg);
  const onUnload = (event) => {
    if (reading.dirty() || scoring.dirty() || cards.dirty() || reflection.dirty()) {
      event.preventDefault();
      event.returnValue = ""; // the browser asks "Leave site? Changes you made may not be saved."
    }
  };
  model.on("change:view", update);
  model.on("change:lesson", update);
  model.on("change:connection", paintBanner);
  model.on("msg:custom", onMessage);
  window.addEventListener("beforeunload", onUnload);
  update();

  return () => {
    model.off("change:view", update);
    model.off("change:lesson", update);
    model.off("change:connection", paintBanner);
    model.off("msg:custom", onMessage);
    window.removeEventListener("beforeunload", onUnload);
    speech.stop();
    ctx.stop();
    el.replaceChildren();
  };
}

export default { render };
