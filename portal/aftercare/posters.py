"""The conduct agreements as PDF: a poster (A3, A4) for the waiting room, a flyer (A5) for the
welcome pack, in the organisation's name."""

from fpdf import FPDF

FORMATS = {"poster-a3": "A3", "poster-a4": "A4", "flyer-a5": "A5"}
PAPER_MM = {"A3": (297, 420), "A4": (210, 297), "A5": (148, 210)}
# Sizes scale with the paper: A3 is the A4 size times 1.41, A5 divided by it.
SCALE = {"A3": 1.41, "A4": 1.0, "A5": 0.71}
TYPOGRAPHY = str.maketrans({"‘": "'", "’": "'", "“": '"', "”": '"', "–": "-", "—": "-", "…": "..."})


def _latin(text: str) -> str:
    # The PDF core fonts cover Latin-1 (Dutch accents included); typographic quotes become
    # plain ones, anything else a question mark rather than an error.
    return text.translate(TYPOGRAPHY).encode("latin-1", "replace").decode("latin-1")


def _plain(markdown: str) -> list[tuple[str, str]]:
    """Turn the agreements' Markdown into (kind, text) lines: heading, item or paragraph."""
    lines = []
    for raw in markdown.splitlines():
        line = raw.strip()
        if not line:
            continue
        if line.startswith("#"):
            lines.append(("heading", line.lstrip("#").strip()))
        elif line[:2] in ("- ", "* "):
            lines.append(("item", line[2:].strip()))
        else:
            lines.append(("text", line))
    return [(kind, text.replace("**", "").replace("__", "")) for kind, text in lines]


def conduct_pdf(
    kind: str, title: str, body: str, organisation: str, footer: str, compress: bool = True
) -> bytes:
    """Return the poster or flyer of the conduct agreements as PDF bytes."""
    paper = FORMATS[kind]
    scale = SCALE[paper]
    pdf = FPDF(format=PAPER_MM[paper])
    pdf.compress = compress
    pdf.set_title(_latin(f"{organisation}: {title}"))
    pdf.set_creator("Vertrouwd")
    pdf.set_margins(18 * scale, 18 * scale)
    pdf.set_auto_page_break(True, 18 * scale)
    pdf.add_page()
    pdf.set_font("Helvetica", "B", 16 * scale)
    pdf.set_text_color(30, 70, 110)
    pdf.multi_cell(0, 8 * scale, _latin(organisation), new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("Helvetica", "B", 28 * scale)
    pdf.set_text_color(0, 0, 0)
    pdf.multi_cell(0, 13 * scale, _latin(title), new_x="LMARGIN", new_y="NEXT")
    pdf.ln(4 * scale)
    for line_kind, text in _plain(body):
        if line_kind == "heading":
            pdf.ln(2 * scale)
            pdf.set_font("Helvetica", "B", 17 * scale)
            pdf.multi_cell(0, 9 * scale, _latin(text), new_x="LMARGIN", new_y="NEXT")
        elif line_kind == "item":
            pdf.set_font("Helvetica", size=14 * scale)
            pdf.cell(7 * scale, 8 * scale, "-")
            pdf.multi_cell(0, 8 * scale, _latin(text), new_x="LMARGIN", new_y="NEXT")
        else:
            pdf.set_font("Helvetica", size=14 * scale)
            pdf.multi_cell(0, 8 * scale, _latin(text), new_x="LMARGIN", new_y="NEXT")
        pdf.ln(1.5 * scale)
    pdf.ln(4 * scale)
    pdf.set_font("Helvetica", "I", 11 * scale)
    pdf.multi_cell(0, 6 * scale, _latin(footer), new_x="LMARGIN", new_y="NEXT")
    return bytes(pdf.output())
