"""Measuring a page the way a person sees it: does it fit the screen, and can its text breathe?

`faults(page)` resizes the page it is given to each width in turn (no reload: the layout
follows the viewport) and returns what a person would see wrong there:

- horizontal overflow: the document is wider than the window, so the page scrolls sideways
  (a table may scroll inside its own wrapper; the page itself may not);
- a squeezed text box, on a wide screen only: an element with more than `SQUEEZE_WORDS` words
  of its own text in a box narrower than `SQUEEZE_PX`, running over `SQUEEZE_LINES` lines or
  more, which reads as a word or two a line (a date range on two lines in a table cell does not).
"""

WIDTHS = (1280, 375)
WIDE = 1280
SQUEEZE_WORDS = 6
SQUEEZE_PX = 200
SQUEEZE_LINES = 3

MEASURE = """([words, px, lines, squeeze]) => {
  const root = document.documentElement;
  const found = [];
  const overflow = root.scrollWidth - root.clientWidth;
  if (overflow > 0) {
    const wide = [...document.body.querySelectorAll('*')].filter(el => {
      const box = el.getBoundingClientRect();
      return box.right > root.clientWidth + 1 && !el.closest('svg')
        && !(el.parentElement && el.parentElement.getBoundingClientRect().right > root.clientWidth + 1);
    });
    found.push(`the page is ${overflow} px wider than the window; first too wide: `
      + wide.slice(0, 3).map(el => el.outerHTML.slice(0, 80)).join(' | '));
  }
  if (squeeze) {
    for (const el of document.body.querySelectorAll('*')) {
      if (el.closest('svg, script, style, template, .visually-hidden')) continue;
      const own = [...el.childNodes].some(n => n.nodeType === Node.TEXT_NODE && n.textContent.trim());
      if (!own) continue;
      const style = getComputedStyle(el);
      if (style.display === 'inline' || style.display === 'none' || style.visibility === 'hidden') continue;
      const box = el.getBoundingClientRect();
      if (box.width <= 1) continue;  // not laid out (hidden for screen readers only)
      const count = el.innerText.trim().split(/\\s+/).filter(Boolean).length;
      const lineHeight = parseFloat(style.lineHeight) || parseFloat(style.fontSize) * 1.2;
      const rows = Math.round(box.height / lineHeight);
      if (count > words && box.width < px && rows >= lines) {
        found.push(`${count} words on ${rows} lines in a box ${Math.round(box.width)} px wide: `
          + el.outerHTML.slice(0, 80));
      }
    }
  }
  return found;
}"""


def faults(page, widths=WIDTHS) -> list[str]:
    """Return what does not fit on the page at each width (an empty list when all fits)."""
    found = []
    for width in widths:
        page.set_viewport_size({"width": width, "height": 900})
        measured = page.evaluate(MEASURE, [SQUEEZE_WORDS, SQUEEZE_PX, SQUEEZE_LINES, width >= WIDE])
        found.extend(f"{page.url} at {width} px: {fault}" for fault in measured)
    return found
