// debate_kit's projector (anywidget front-end module): what the whole class sees, large.
// Contract: docs/projector-protocol.md. The model gives `view` (the projector view: only what the class
// may see), `controls` (the teacher's few buttons while presenting; [] on a second screen), `alert`
// (a problem the room must know of: the class server or its database is away; "" normally) and `mode`
// ("present": the whole window; "preview": a 16:10 box in the console; "screen": a second screen).
// A button sends {type: "control", id}; the host checks it against the store. Text goes in as text.

const TICK_MS = 250;
const NOTE_MS = 8000;

function h(tag, attrs, ...children) {
  const el = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs || {})) {
    if (value === null || value === undefined || value === false) continue;
    if (name === "class") el.className = value;
    else if (name === "style") el.style.cssText = value;
    else el.setAttribute(name, value === true ? "" : String(value));
  }
  for (const child of children.flat()) {
    if (child === null || child === undefined || child === false) continue;
    el.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return el;
}

function clock(seconds) {
  const s = Math.abs(Math.trunc(seconds));
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, "0")}`;
}

function plural(n, one, many) {
  return `${n} ${n === 1 ? one : many}`;
}

// ---- the QR code: rows of "0"/"1" drawn as one SVG path (crisp at any size) ------------------------
function qrCode(rows, link) {
  const NS = "http://www.w3.org/2000/svg";
  const size = rows.length;
  const svg = document.createElementNS(NS, "svg");
  svg.setAttribute("viewBox", `0 0 ${size} ${size}`);
  svg.setAttribute("shape-rendering", "crispEdges");
  svg.setAttribute("role", "img");
  svg.setAttribute("aria-label", `QR code of the students' link ${link}`);
  const bg = document.createElementNS(NS, "rect");
  bg.setAttribute("width", size);
  bg.setAttribute("height", size);
  bg.setAttribute("fill", "#fff");
  const path = document.createElementNS(NS, "path");
  let d = "";
  rows.forEach((row, y) => {
    for (let x = 0; x < row.length; x++) if (row[x] === "1") d += `M${x} ${y}h1v1h-1z`;
  });
  path.setAttribute("d", d);
  path.setAttribute("fill", "#000");
  svg.append(bg, path);
  return h("div", { class: "dk-p-qr" }, svg);
}

// ---- one block per phase --------------------------------------------------------------------------
function joinBlock(v) {
  const j = v.join;
  const link = j.link
    ? h("p", { class: "dk-p-link" }, j.link)
    : h("p", { class: "dk-p-warning" }, "No address for phones yet: see the console.");
  const warning = j.link && !j.reachable
    ? h("p", { class: "dk-p-warning" }, "This address works only on this computer: phones cannot open it.")
    : null;
  return h("section", { class: "dk-p-join" },
    h("div", { class: "dk-p-join-text" },
      h("p", { class: "dk-p-label" }, "Open on your phone"), link, warning,
      h("p", { class: "dk-p-label" }, "Room code"),
      h("p", { class: "dk-p-code", "aria-label": `Room code ${j.code.split("").join(" ")}` }, j.code),
      h("p", { class: "dk-p-big-count" }, plural(v.joined, "student joined", "students joined"))),
    j.qr && j.qr.length ? qrCode(j.qr, j.link) : null);
}

function bars(rows, total) {
  return h("ul", { class: "dk-p-bars", "aria-label": `Results, ${plural(total, "vote", "votes")}` },
    rows.map((r) => h("li", { class: `dk-p-bar-row dk-p-opt-${r.option.toLowerCase()}` },
      h("span", { class: "dk-p-bar-label" }, r.label),
      h("span", { class: "dk-p-bar" }, h("span", { class: "dk-p-bar-fill", style: `width:${r.percent}%` })),
      h("span", { class: "dk-p-bar-figure" }, `${Math.round(r.percent)}% (${r.count})`))));
}

function voteBlock(v) {
  const vote = v.vote;
  if (!vote) return h("section", { class: "dk-p-vote" }, h("p", null, "No motion to vote on."));
  const state = {
    draft: "Voting opens in a moment.",
    open: "Vote now on your phone. You can change your vote until voting closes.",
    closed: "Voting has closed. The results come next.",
    revealed: vote.results ? `The results: ${plural(vote.results.total, "vote", "votes")}` : "",
  }[vote.state] || "";
  const body = vote.results
    ? [bars(vote.results.rows, vote.results.total)]
    : [h("p", { class: "dk-p-big-count dk-p-voted" }, `${vote.voted} of ${vote.of} voted`),
      h("span", { class: "dk-p-progress", "aria-hidden": "true" },
        h("span", { class: "dk-p-bar-fill", style: `width:${vote.of ? (100 * vote.voted) / vote.of : 0}%` }))];
  return h("section", { class: "dk-p-vote" },
    h("p", { class: "dk-p-kicker" }, v.phase === "pre-vote" ? "Before the debate" : "After the debate"),
    h("h2", { class: "dk-p-motion" }, vote.question),
    h("p", { class: "dk-p-state" }, state), ...body);
}

function readingBlock(v) {
  const r = v.reading || { sections: [], of: v.joined };
  return h("section", { class: "dk-p-reading" },
    h("h2", null, "Read the essay and answer the questions on your phone"),
    h("ol", { class: "dk-p-sections" }, r.sections.map((s) =>
      h("li", null, h("span", { class: "dk-p-section-title" }, s.title),
        h("span", { class: "dk-p-section-count" }, `${s.answered} of ${r.of} answered`)))));
}

function team(side, names) {
  return h("div", { class: `dk-p-team dk-p-${side.toLowerCase()}` },
    h("h3", null, side === "Proposition" ? "Proposition (for)" : "Opposition (against)"),
    h("ol", null, names.length ? names.map((n) => h("li", null, n)) : h("li", null, "—")));
}

function sidesBlock(v) {
  const s = v.sides;
  if (!s) return h("section", { class: "dk-p-sides" }, h("h2", null, "The sides come in a moment."));
  const many = s.debates.length > 2 ? " dk-p-many" : "";
  return h("section", { class: `dk-p-sides${many}` },
    h("h2", { class: "dk-p-motion-small" }, s.motion),
    h("div", { class: "dk-p-debates" }, s.debates.map((d) =>
      h("div", { class: "dk-p-debate-card" },
        s.debates.length > 1 ? h("p", { class: "dk-p-kicker" }, `Debate ${d.number}`) : null,
        h("div", { class: "dk-p-teams" }, team("Proposition", d.proposition), team("Opposition", d.opposition)),
        h("p", { class: "dk-p-note" }, `${plural(d.judges, "judge", "judges")}: look at your phone for your job`)))),
    s.audience ? h("p", { class: "dk-p-note" }, `${s.audience} in the audience`) : null);
}

function debateBlock(v, timer) {
  const d = v.debate;
  if (!d) return sidesBlock(v);
  const side = (d.side || "").toLowerCase();
  const digits = h("p", { class: "dk-p-clock", role: "timer", "aria-live": "off" });
  const state = h("p", { class: "dk-p-clock-state" });
  timer.start(d, digits, state);
  return h("section", { class: `dk-p-debate dk-p-${side}` },
    h("p", { class: "dk-p-kicker" }, d.order ? `Speech ${d.order} of ${d.speeches}` : "Speech"),
    h("h2", { class: "dk-p-speech" }, d.label),
    d.speaker ? h("p", { class: "dk-p-speaker" }, d.speaker) : null,
    digits, state,
    d.next ? h("p", { class: "dk-p-next" }, `Next: ${d.next.label}${d.next.speaker ? ` (${d.next.speaker})` : ""}`)
      : h("p", { class: "dk-p-next" }, "This is the last speech."));
}

function scoringBlock(v) {
  const s = v.scoring || { open: false, speeches: [] };
  return h("section", { class: "dk-p-scoring" },
    h("h2", null, s.open ? "Score the rebuttals on your phone" : "Scoring opens in a moment"),
    h("ul", { class: "dk-p-score-list" }, s.speeches.map((sp) =>
      h("li", null, h("span", null, `${sp.label}${sp.speaker ? ` (${sp.speaker})` : ""}`),
        h("span", { class: "dk-p-section-count" }, plural(sp.scored, "score sheet", "score sheets"))))));
}

function swingBlock(sw) {
  return h("div", { class: "dk-p-swing" },
    h("h2", { class: "dk-p-motion-small" }, sw.motion),
    h("table", { class: "dk-p-swing-table" },
      h("thead", null, h("tr", null, h("th", null, ""), h("th", null, "Before"), h("th", null, "After"),
        h("th", null, "Change"))),
      h("tbody", null, sw.rows.map((r) => h("tr", { class: `dk-p-opt-${r.option.toLowerCase()}` },
        h("th", { scope: "row" }, r.label),
        h("td", null, h("span", { class: "dk-p-bar" }, h("span", { class: "dk-p-bar-fill", style: `width:${r.before}%` })),
          ` ${r.before}%`),
        h("td", null, h("span", { class: "dk-p-bar" }, h("span", { class: "dk-p-bar-fill", style: `width:${r.after}%` })),
          ` ${r.after}%`),
        h("td", { class: "dk-p-change" }, `${r.change > 0 ? "+" : r.change < 0 ? "−" : "±"}${Math.abs(r.change)} pts`))))),
    h("p", { class: "dk-p-winner" }, sw.winner_text),
    h("p", { class: "dk-p-note" }, sw.rule),
    h("p", { class: "dk-p-note" }, sw.voters_text));
}

function resultsBlock(v) {
  const r = v.results || { swings: [], speeches: [] };
  const scored = r.speeches.filter((s) => s.mean !== null);
  return h("section", { class: `dk-p-results${scored.length ? " dk-p-with-scores" : ""}` },
    h("div", { class: "dk-p-swings" }, r.swings.length ? r.swings.slice(0, 1).map(swingBlock)
      : h("h2", null, "The results come in a moment.")),
    scored.length ? h("div", { class: "dk-p-scores" }, h("h3", null, "Speeches (average score)"),
      h("ul", { class: "dk-p-score-list" }, scored.map((s) => h("li", null,
        h("span", null, s.label), h("span", { class: "dk-p-section-count" }, `${s.mean} / ${s.out_of}`))))) : null);
}

// The card the teacher shows (docs/projector-protocol.md): what it says and where from, never who made it.
function cardBlock(v) {
  const c = v.card;
  return h("section", { class: "dk-p-card" },
    h("p", { class: "dk-p-kicker" }, "Evidence card"),
    h("h2", { class: "dk-p-card-claim" }, c.claim),
    h("p", { class: "dk-p-card-evidence" }, h("strong", null, "Evidence: "), c.evidence),
    h("p", { class: "dk-p-card-source" }, h("strong", null, "Source: "), c.source || "—",
      ` · Trust: ${c.trust} · Helps: ${c.helps}`));
}

const BLOCKS = {
  join: joinBlock, "pre-vote": voteBlock, "post-vote": voteBlock, reading: readingBlock, sides: sidesBlock,
  debate: debateBlock, scoring: scoringBlock, results: resultsBlock,
};

// ---- the speech clock: counted down on this computer from the server's `left` ------------------------
function makeTimer() {
  let handle = null;
  return {
    start(d, digits, state) {
      this.stop();
      const began = performance.now();
      let said = "";
      const draw = () => {
        const left = d.running ? d.left - (performance.now() - began) / 1000 : d.left;
        const over = left < 0;
        digits.textContent = over ? `+${clock(-left)}` : clock(left);
        digits.classList.toggle("dk-p-over", over);
        const text = over ? `Time's up: ${clock(-left)} over` : d.running ? "Speaking" : "Paused";
        if (text !== said) {
          state.textContent = text;
          said = text;
        }
      };
      draw();
      if (d.running) handle = setInterval(draw, TICK_MS);
    },
    stop() {
      if (handle !== null) clearInterval(handle);
      handle = null;
    },
  };
}

function render({ model, el }) {
  const root = h("div", { class: "dk-projector" });
  const stage = h("div", { class: "dk-p-stage" });
  const head = h("header", { class: "dk-p-head" });
  const main = h("main", { class: "dk-p-main" });
  const bar = h("nav", { class: "dk-p-controls", "aria-label": "Presenter controls" });
  const note = h("p", { class: "dk-p-status", role: "status" });
  const alert = h("p", { class: "dk-p-alert", role: "alert" });
  stage.append(alert, head, main, bar);
  root.append(stage);
  el.append(root);
  const timer = makeTimer();
  let drawnControls = "";

  function draw() {
    const v = model.get("view");
    const mode = model.get("mode") || "screen";
    root.className = `dk-projector dk-p-mode-${mode}`;
    // The whole window is the class screen: nothing behind it scrolls or shows a scroll bar.
    document.documentElement.classList.toggle("dk-p-presenting", mode !== "preview");
    timer.stop();
    if (!v) {
      head.replaceChildren();
      main.replaceChildren(h("p", { class: "dk-p-state" }, "Waiting for the class server…"));
      return;
    }
    root.dataset.phase = v.phase;
    const joinHint = v.phase === "join" ? null
      : h("span", { class: "dk-p-head-join" }, `Join: ${v.join.code}`);
    head.replaceChildren(...[
      h("span", { class: "dk-p-title" }, v.title),
      h("span", { class: "dk-p-phase" }, v.closed ? "Room closed" : v.phase_label),
      h("span", { class: "dk-p-head-count" }, plural(v.joined, "joined", "joined")),
      joinHint].filter(Boolean));
    main.replaceChildren(v.card ? cardBlock(v) : (BLOCKS[v.phase] || joinBlock)(v, timer));
    drawControls();
  }

  function drawControls() {
    const controls = model.get("controls") || [];
    const text = JSON.stringify(controls);
    if (text === drawnControls) return;
    drawnControls = text;
    const focused = document.activeElement && bar.contains(document.activeElement)
      ? document.activeElement.dataset.control : null;
    bar.replaceChildren(...controls.map((c) => {
      const button = h("button", { type: "button", class: `dk-p-button${c.primary ? " dk-p-primary" : ""}`,
        "data-control": c.id, title: c.title || null }, c.label);
      button.addEventListener("click", () => model.send({ type: "control", id: c.id }));
      return button;
    }));
    const last = bar.lastElementChild;
    bar.insertBefore(note, last && last.dataset.control === "console" ? last : null);
    bar.hidden = controls.length === 0;
    if (focused) {
      const again = bar.querySelector(`[data-control="${CSS.escape(focused)}"]`);
      if (again) again.focus();
    }
  }

  const drawAlert = () => {
    alert.textContent = model.get("alert") || "";
    alert.hidden = !alert.textContent;
  };
  model.on("change:alert", drawAlert);
  drawAlert();
  let noteTimer = null;
  const drawStatus = () => {
    // The teacher's last action, said for a few seconds (then the bar is buttons only again).
    note.textContent = model.get("status") || "";
    clearTimeout(noteTimer);
    noteTimer = setTimeout(() => { note.textContent = ""; }, NOTE_MS);
  };
  model.on("change:status", drawStatus);
  drawStatus();
  model.on("change:view", draw);
  model.on("change:mode", draw);
  model.on("change:controls", drawControls);
  draw();
  return () => {
    timer.stop();
    model.off("change:view", draw);
    model.off("change:mode", draw);
    model.off("change:controls", drawControls);
    model.off("change:status", drawStatus);
    model.off("change:alert", drawAlert);
    document.documentElement.classList.remove("dk-p-presenting");
    root.remove();
  };
}

export default { render };
