"""The script that keeps a teacher page of the service up to date (the class page, the answers).

Every few seconds it fetches the page's own address again (same origin, the hub's cookie and, as the
hub's OAuth requires of a script's request, the page's XSRF token in a header; nothing secret in the
URL) and swaps in the part marked ``id="dk-hub-live"``, unless the teacher is typing in a field, has
typed a value (or chosen in a list) not yet sent, or is in a "Remove …? Yes/No" step. Focus stays on the
button it was on. A status line says "Updated hh:mm:ss", or that the connection dropped and it tries again.
The script is static (no value is put into it) and allowed by its hash in the page's CSP: no other
script runs, nothing is loaded from elsewhere.
"""

from __future__ import annotations

import base64
import hashlib

from debate_kit.service.pages import CSP

#: Seconds between two updates.
EVERY_S = 5

LIVE_SCRIPT = """(() => {
  "use strict";
  const live = document.getElementById("dk-hub-live");
  const when = document.getElementById("dk-hub-updated");
  const dropped = document.getElementById("dk-hub-dropped");
  if (!live || !when || !dropped) return;
  const typing = () => {
    if (document.querySelector(".dk-hub-confirm")) return "Not updating while you confirm.";
    const now = document.activeElement;
    if (now && /^(INPUT|TEXTAREA|SELECT)$/.test(now.tagName) && now.type !== "hidden")
      return "Not updating while you type.";
    for (const f of live.querySelectorAll("input:not([type=hidden]), textarea")) {
      if (f.value !== f.defaultValue) return "Not updating: send or clear what you typed.";
    }
    for (const s of live.querySelectorAll("select")) {
      const first = Array.from(s.options).findIndex((o) => o.defaultSelected);
      if (s.selectedIndex !== Math.max(first, 0)) return "Not updating: send what you chose.";
    }
    return "";
  };
  const two = (n) => String(n).padStart(2, "0");
  const stamp = (d) => `${two(d.getHours())}:${two(d.getMinutes())}:${two(d.getSeconds())}`;
  const address = () => {
    const url = new URL(window.location.href);
    url.searchParams.delete("remove");
    return url.href;
  };
  const swap = (fresh) => {
    const key = document.activeElement && live.contains(document.activeElement)
      ? document.activeElement.getAttribute("data-dk-key") : null;
    const nodes = Array.from(fresh.childNodes);  // a copy: adopting a node takes it out of the list
    live.replaceChildren(...nodes.map((n) => document.adoptNode(n)));
    const again = key && Array.from(live.querySelectorAll("[data-dk-key]"))
      .find((el) => el.getAttribute("data-dk-key") === key);
    if (again) again.focus();
  };
  const tick = async () => {
    const busy = typing();
    if (busy || document.hidden) {
      if (busy) when.textContent = busy;
      return;
    }
    try {
      const token = document.querySelector("#dk-hub-status input[name=_xsrf]");
      const answer = await fetch(address(), {credentials: "same-origin", cache: "no-store",
        headers: token ? {"X-XSRFToken": token.value} : {}});
      if (!answer.ok || answer.redirected) throw new Error(String(answer.status));
      const page = new DOMParser().parseFromString(await answer.text(), "text/html");
      const fresh = page.getElementById("dk-hub-live");
      if (!fresh) throw new Error("no live part");
      if (typing()) return;
      swap(fresh);
      when.textContent = `Updated ${stamp(new Date())}`;
      dropped.textContent = "";
    } catch (_problem) {
      const said = "Not updated: the connection dropped, trying again.";
      if (dropped.textContent !== said) dropped.textContent = said;
    }
  };
  const loop = () => { tick().finally(() => setTimeout(loop, EVERY_MS)); };
  when.textContent = `Updated ${stamp(new Date())}`;
  setTimeout(loop, EVERY_MS);
})();""".replace("EVERY_MS", str(EVERY_S * 1000))

_HASH = base64.b64encode(hashlib.sha256(LIVE_SCRIPT.encode()).digest()).decode()
#: The CSP of a page with the live script: the service's own, plus this one script and same-origin fetch.
LIVE_CSP = CSP + f"; script-src 'sha256-{_HASH}'; connect-src 'self'"


def live_status(xsrf: str) -> str:
    """The status line (updated / dropped) with the page's XSRF input (``xsrf``: the hub's OAuth accepts
    a script's request only with it, in a header); the page marks its live part ``dk-hub-live`` itself."""
    return (f'<p id="dk-hub-status" class="dk-hub-status">{xsrf}<span id="dk-hub-updated" '
            'class="dk-hub-updated"></span> <span id="dk-hub-dropped" class="dk-hub-dropped" role="alert">'
            "</span></p>")


def live_script() -> str:
    """The script element, last in the page's body (after the parts it finds)."""
    return f"<script>{LIVE_SCRIPT}</script>"
