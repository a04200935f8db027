"""axe-core in the browser: audit a page and turn its violations into a readable failure."""

from importlib.resources import files

# axe-playwright-python ships axe-core's own build; we inject it ourselves to keep the options
# and the failure message in our hands.
AXE_SOURCE = files("axe_playwright_python").joinpath("axe.min.js").read_text(encoding="utf-8")

# Every rule axe runs by default (WCAG 2.0/2.1 A and AA plus best practices), violations only.
RUN = """() => axe.run(document, {resultTypes: ["violations"]}).then(results =>
  results.violations.map(v => ({
    id: v.id,
    impact: v.impact,
    help: v.help,
    helpUrl: v.helpUrl,
    nodes: v.nodes.map(n => ({target: n.target, html: n.html, summary: n.failureSummary})),
  })))"""


def violations(page) -> list[dict]:
    """Run axe-core on the page as it is now; return its violations (an empty list when clean)."""
    if not page.evaluate("() => typeof window.axe === 'object'"):
        page.evaluate(AXE_SOURCE)
    return page.evaluate(RUN)


def describe(found: list[dict], where: str) -> str:
    """Say what axe found, rule by rule and node by node, so the failure can be fixed from it."""
    lines = [f"axe-core found {len(found)} accessibility violation(s) on {where}:"]
    for v in found:
        lines.append(f"- {v['id']} ({v['impact']}): {v['help']} <{v['helpUrl']}>")
        for node in v["nodes"]:
            lines.append(f"    at {' '.join(map(str, node['target']))}: {node['html'][:200]}")
            if node.get("summary"):
                lines.extend(f"      {line}" for line in node["summary"].splitlines())
    return "\n".join(lines)
