"""Exports of the owner's record: a PDF to print or hand over, and everything as JSON."""

import base64
from datetime import date
from pathlib import Path

from flask_babel import format_date
from flask_babel import gettext as _
from fpdf import FPDF

from portal.platform.i18n import day_text
from portal.record import anchor, chain, entries, timeline

FONT_DIR = Path("/usr/share/fonts/truetype/dejavu")


def _day(value: str | date) -> str:
    return day_text(date.fromisoformat(value) if isinstance(value, str) else value)


class RecordPdf(FPDF):
    """A4 pages with the page number and the generated day at the foot."""

    footer_text = ""

    def footer(self):
        self.set_y(-15)
        self.set_font(self.body_font, size=8)
        self.cell(0, 10, self.text(self.footer_text % {"page": self.page_no()}), align="C")

    body_font = "Helvetica"
    unicode = False

    def text(self, value: str) -> str:
        # The core fonts cover Latin-1 only; a system DejaVu font is used when it is there.
        return value if self.unicode else value.encode("latin-1", "replace").decode("latin-1")


def _new_pdf() -> RecordPdf:
    pdf = RecordPdf(format="A4")
    regular, bold = FONT_DIR / "DejaVuSans.ttf", FONT_DIR / "DejaVuSans-Bold.ttf"
    if regular.exists() and bold.exists():
        pdf.add_font("DejaVu", "", str(regular))
        pdf.add_font("DejaVu", "B", str(bold))
        pdf.body_font, pdf.unicode = "DejaVu", True
    pdf.set_creator("Vertrouwd")
    pdf.set_auto_page_break(True, margin=20)
    return pdf


def _measurer(pdf: RecordPdf):
    """Return a function giving a text's width in the current font, from its glyph widths."""
    font, scale = pdf.current_font, pdf.font_size_pt * 0.001 / pdf.k
    widths = font.cw

    def measure(text: str) -> float:
        try:
            if pdf.unicode:
                return sum(widths[ord(ch)] for ch in text) * scale
            return sum(widths[ch] for ch in text) * scale
        except (IndexError, KeyError, TypeError):
            return pdf.get_string_width(text)

    return measure


def _wrapped(pdf: RecordPdf, text: str, height: float) -> None:
    """Write text in lines that fit the page, one cell a line.

    fpdf2's multi_cell measures each growing line again for every character, which made a
    500-entry record take many seconds; measuring each word once keeps it linear.
    """
    room, measure = pdf.epw, _measurer(pdf)
    space = measure(" ")
    for paragraph in pdf.text(text).split("\n"):
        line, width = "", 0.0
        for word in paragraph.split(" "):
            size = measure(word)
            while size > room:  # a word wider than the page (a link, a hash): cut it
                cut = max(1, int(len(word) * room / size))
                if line:
                    pdf.cell(0, height, line, new_x="LMARGIN", new_y="NEXT")
                    line, width = "", 0.0
                pdf.cell(0, height, word[:cut], new_x="LMARGIN", new_y="NEXT")
                word = word[cut:]
                size = measure(word)
            if line and width + space + size > room:
                pdf.cell(0, height, line, new_x="LMARGIN", new_y="NEXT")
                line, width = word, size
            else:
                line, width = (f"{line} {word}", width + space + size) if line else (word, size)
        pdf.cell(0, height, line, new_x="LMARGIN", new_y="NEXT")


def _line(pdf: RecordPdf, label: str, value: str) -> None:
    if not value:
        return
    pdf.set_font(pdf.body_font, "B", 10)
    _wrapped(pdf, label, 5.5)
    pdf.set_font(pdf.body_font, size=10)
    _wrapped(pdf, value, 5.5)


def _entry(pdf: RecordPdf, view: entries.EntryView, versions: list[entries.VersionView]):
    content = view.content
    pdf.ln(3)
    pdf.set_font(pdf.body_font, "B", 12)
    if content is None:
        pdf.multi_cell(
            0, 7, pdf.text(_("This entry cannot be read")), new_x="LMARGIN", new_y="NEXT"
        )
    else:
        when = _day(content["happened_on"])
        if content.get("happened_until"):
            when += " – " + _day(content["happened_until"])
        if content.get("time"):
            when += ", " + content["time"]
        _wrapped(pdf, when, 7)
    pdf.set_font(pdf.body_font, size=9)
    _wrapped(
        pdf,
        _("Written on %(day)s", day=_day(view.written_on))
        + " · "
        + _("version %(n)d of %(day)s", n=view.number, day=_day(view.changed_on)),
        5,
    )
    if content is not None:
        people = ", ".join(
            p["name"] + (f" ({entries.RELATION_LABELS[p['relation']]})" if p["relation"] else "")
            for p in content.get("people", [])
        )
        _line(pdf, _("Which form it seems to be"), str(entries.FORM_LABELS[content["form"]]))
        _line(pdf, _("Place"), content.get("place", ""))
        _line(pdf, _("Online channel"), content.get("channel", ""))
        _line(pdf, _("Address of the post"), content.get("post_url", ""))
        _line(pdf, _("People involved"), people)
        _line(pdf, _("Witnesses"), content.get("witnesses", ""))
        _line(pdf, _("What happened"), content["what"])
        _line(pdf, _("How it affected me"), content.get("effect", ""))
        _line(pdf, _("What I did and whom I told"), content.get("actions", ""))
        files = "\n".join(f"{f['filename']}  SHA-256 {f['sha256']}" for f in view.files)
        _line(pdf, _("Evidence"), files)
    history = "\n".join(
        _("Version %(n)d, written on %(day)s", n=v.number, day=_day(v.written_on)) + f"  {v.hash}"
        for v in versions
    )
    _line(pdf, _("Versions"), history)


def chain_state(verification: chain.Verification, compared: anchor.State) -> str:
    """Say what the check can know: consistency, and what the owner's anchor adds to it."""
    if not verification.intact:
        return _("The chain is broken: something was changed or removed outside the portal.")
    if compared == anchor.State.BEHIND:
        return _(
            "The record is behind what its owner saw before: an older copy may have been put "
            "back, or parts removed, outside the portal."
        )
    if compared == anchor.State.NONE:
        return _(
            "The record is consistent in itself; there was no earlier view of it to compare "
            "with, so whether something was removed before cannot be told."
        )
    return _("Checked: consistent, and nothing was changed or removed since its owner last looked.")


def pdf_bytes(opened: entries.OpenRecord, compared: anchor.State, today: date) -> bytes:
    """Return the record as a PDF: the timeline, every entry's days, versions and evidence."""
    views = entries.read_entries(opened)
    versions = entries.all_versions(opened)
    verification = chain.verify(opened)
    pdf = _new_pdf()
    pdf.set_title(pdf.text(_("My record")))
    pdf.footer_text = pdf.text(
        _("Page %(page)s", page="%(page)d") + " · " + _("generated on %(day)s", day=_day(today))
    )
    pdf.add_page()
    pdf.set_font(pdf.body_font, "B", 18)
    pdf.cell(0, 12, pdf.text(_("My record")), new_x="LMARGIN", new_y="NEXT")
    pdf.set_font(pdf.body_font, size=10)
    summary = [
        _("Generated on %(day)s", day=_day(today)),
        _("Entries: %(n)d", n=len(views)),
        _("Chain head: %(head)s", head=verification.head),
        _("Changes saved: %(n)d", n=verification.sequence),
        chain_state(verification, compared),
    ]
    for line in summary:
        _wrapped(pdf, line, 6)
    months = timeline.per_month(views)
    if months:
        pdf.ln(2)
        pdf.set_font(pdf.body_font, "B", 11)
        _wrapped(pdf, _("Incidents per month"), 6)
        pdf.set_font(pdf.body_font, size=10)
        for month in months:
            pdf.cell(45, 5.5, pdf.text(format_date(month.first_day, "LLLL yyyy")))
            pdf.cell(0, 5.5, str(month.count), new_x="LMARGIN", new_y="NEXT")
    for view in views:
        _entry(pdf, view, versions.get(view.uid, []))
    return bytes(pdf.output())


def json_export(opened: entries.OpenRecord, compared: anchor.State, today: date) -> dict:
    """Return everything in the record, evidence included (base64), for the owner to keep."""
    verification = chain.verify(opened)
    versions = entries.all_versions(opened)
    exported = []
    for view in entries.read_entries(opened):
        files = []
        for listed in view.files:
            try:
                meta, data = entries.read_file(opened, view.uid, listed["uid"])
            except entries.EntryNotFound:
                continue
            files.append(meta | {"content_base64": base64.b64encode(data).decode()})
        exported.append(
            {
                "uid": view.uid,
                "written_on": view.written_on.isoformat(),
                "versions": [
                    {
                        "number": v.number,
                        "written_on": v.written_on.isoformat(),
                        "hash": v.hash,
                        "content": v.content,
                    }
                    for v in versions.get(view.uid, [])
                ],
                "files": files,
            }
        )
    return {
        "format": "vertrouwd-record/1",
        "generated_on": today.isoformat(),
        "chain": {
            "head": verification.head,
            "changes": verification.sequence,
            # Consistent in itself; and how it compares with what the owner last saw
            # (none: there was nothing to compare with, so removals before cannot be told).
            "consistent": verification.intact,
            "compared_with_last_seen": compared.value,
            "problems": [p.__dict__ for p in verification.problems],
        },
        "entries": exported,
    }
