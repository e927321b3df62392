"""Checks of the class screen as a mirrored projector sees it (1280 x 800): what is in the viewport,
computed font sizes, and what the whole page's text says (``innerText``: what is drawn, not hidden).
"""

from __future__ import annotations

from typing import Any

MIN_PX = 28  # the smallest text the back of a classroom can read at 1280 x 800

#: Every piece of text drawn inside the projector: its text, font size in px and box.
TEXTS = """(selector) => {
  const root = document.querySelector(selector);
  if (!root) return null;
  const found = [];
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  while (walker.nextNode()) {
    const node = walker.currentNode;
    const text = node.textContent.trim();
    if (!text) continue;
    const el = node.parentElement;
    const style = getComputedStyle(el);
    if (style.visibility === "hidden" || style.display === "none") continue;
    const range = document.createRange();
    range.selectNodeContents(node);
    const box = range.getBoundingClientRect();
    if (!box.width || !box.height) continue;
    const own = el.getBoundingClientRect();  // text cut off with an ellipsis is drawn only inside it
    const lines = Array.from(range.getClientRects(), (r) => [
      Math.max(r.left, own.left), Math.max(r.top, own.top), Math.min(r.right, own.right),
      Math.min(r.bottom, own.bottom)]);
    found.push({text: text.slice(0, 60), size: parseFloat(style.fontSize), lines,
                left: box.left, top: box.top, right: box.right, bottom: box.bottom});
  }
  return found;
}"""

#: The element drawn at points across the window: all must belong to the class screen.
COVER = """(selector) => {
  const root = document.querySelector(selector);
  const misses = [];
  for (const [x, y] of [[5, 5], [640, 400], [1270, 790], [5, 790], [1270, 5]]) {
    const el = document.elementFromPoint(x, y);
    if (!el || !root.contains(el)) misses.push([x, y, el ? el.className : null]);
  }
  return misses;
}"""


def class_screen(page: Any, selector: str = ".dk-projector") -> str:
    """Assert the class screen fills the window, all its text is inside it and at least MIN_PX high,
    and nothing is cut off; return its text."""
    size = page.viewport_size
    page.wait_for_function("(s) => !!document.querySelector(s)", arg=selector)
    page.wait_for_timeout(300)  # let a redraw that is on its way land
    assert page.evaluate(COVER, selector) == [], "something else is drawn over the class screen"
    texts = page.evaluate(TEXTS, selector)
    assert texts, "the class screen shows nothing"
    small = [(t["text"], t["size"]) for t in texts if t["size"] < MIN_PX]
    assert not small, f"text under {MIN_PX} px on the projector: {small}"
    outside = [t["text"] for t in texts if t["left"] < -1 or t["top"] < -1
               or t["right"] > size["width"] + 1 or t["bottom"] > size["height"] + 1]
    assert not outside, f"text outside the {size} window: {outside}"
    overlaps = [(a["text"], b["text"]) for i, a in enumerate(texts) for b in texts[i + 1:]
                if any(_overlap(x, y) for x in a["lines"] for y in b["lines"])]
    assert not overlaps, f"text drawn over other text: {overlaps}"
    cut = page.evaluate("(s) => { const m = document.querySelector(s + ' .dk-p-main');"
                        " return m.scrollHeight - m.clientHeight; }", selector)
    assert cut <= 2, f"the class screen's content is {cut} px taller than the screen"
    assert page.evaluate("document.scrollingElement.scrollHeight") <= size["height"] + 1
    return str(page.locator(selector).inner_text())


def _overlap(a: list[float], b: list[float], slack: float = 3.0) -> bool:
    """Two line boxes (left, top, right, bottom) share more than a sliver."""
    return (min(a[2], b[2]) - max(a[0], b[0]) > slack) and (min(a[3], b[3]) - max(a[1], b[1]) > slack)


def font_px(page: Any, selector: str) -> float:
    """The computed font size of the element drawn now (the class screen redraws its parts often, so
    the element is found and measured in one step, again if it was replaced in between)."""
    size = page.wait_for_function("""(s) => {
        const el = document.querySelector(s);
        const px = el && el.isConnected ? parseFloat(getComputedStyle(el).fontSize) : NaN;
        return Number.isFinite(px) ? px : null; }""", arg=selector)
    return float(size.json_value())


def page_text(page: Any) -> str:
    """Everything the page draws as text (what a mirrored projector shows), hidden parts left out."""
    return str(page.evaluate("document.body.innerText"))


def control(page: Any, control_id: str) -> None:
    """Press one of the presenter's buttons (by its control id), once it is offered."""
    page.locator(f"button.dk-p-button[data-control='{control_id}']").click()


def wait_screen(page: Any, selector: str, text: str, timeout_ms: int = 30_000) -> None:
    page.locator(f".dk-projector {selector}", has_text=text).first.wait_for(state="visible",
                                                                             timeout=timeout_ms)
