// SpeechTimer: the countdown runs in the browser, so it stays smooth whatever the kernel is doing.
// Python sets `label` and `seconds`; Start, Pause and Reset are handled here and reported to Python
// ({kind: "timer", action, left}), which writes them to the store for the students' pages.
function fmt(total) {
  const sign = total < 0 ? "-" : "";
  const t = Math.abs(Math.round(total));
  return sign + Math.floor(t / 60) + ":" + String(t % 60).padStart(2, "0");
}

function button(text, css, label) {
  const b = document.createElement("button");
  b.textContent = text;
  b.className = "jupyter-button " + css;
  b.setAttribute("aria-label", label);
  b.style.margin = "0 0.3em";
  b.style.fontSize = "1.2em";
  return b;
}

function render({ model, el }) {
  el.classList.add("dk-timer");
  const title = document.createElement("div");
  title.style.fontSize = "1.5em";
  const clock = document.createElement("div");
  clock.className = "dk-timer-display";
  clock.setAttribute("role", "timer");
  clock.setAttribute("aria-live", "off");
  clock.style.cssText = "font-size:12vmin;font-weight:bold;font-variant-numeric:tabular-nums;";
  const start = button("Start", "dk-timer-start", "Start the speech timer");
  const pause = button("Pause", "dk-timer-pause", "Pause the speech timer");
  const reset = button("Reset", "dk-timer-reset", "Reset the speech timer");
  const bar = document.createElement("div");
  bar.append(start, pause, reset);
  el.append(title, clock, bar);

  let left = model.get("seconds");
  let endsAt = null; // performance.now() at which the time is up, while running
  let ticker = null;

  function remaining() {
    return endsAt === null ? left : (endsAt - performance.now()) / 1000;
  }
  function draw() {
    const r = remaining();
    clock.textContent = fmt(Math.ceil(r));
    clock.style.color = r <= 0 ? "#b71c1c" : r <= 30 ? "#e65100" : "inherit";
    title.textContent = model.get("label") + (r <= 0 ? " (time is up)" : "");
  }
  function stop() {
    left = remaining();
    endsAt = null;
    if (ticker) clearInterval(ticker);
    ticker = null;
    draw();
  }
  const report = (action) => model.send({ kind: "timer", action, left: remaining() });
  start.addEventListener("click", () => {
    if (endsAt !== null) return;
    endsAt = performance.now() + left * 1000;
    ticker = setInterval(draw, 200);
    draw();
    report("start");
  });
  pause.addEventListener("click", () => {
    stop();
    report("pause");
  });
  reset.addEventListener("click", () => {
    stop();
    left = model.get("seconds");
    draw();
    report("reset");
  });
  const fresh = () => {
    stop();
    left = model.get("seconds");
    draw();
  };
  model.on("change:seconds", fresh);
  model.on("change:label", fresh);
  draw();
  return () => ticker && clearInterval(ticker);
}

export default { render };
