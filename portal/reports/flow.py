"""The report being written: sections read from and written to the encrypted draft."""

from wtforms import Form
from wtforms.fields.choices import SelectChoice

from portal.reports import drafts, filing, forms
from portal.reports.evidence import Evidence, EvidenceRefused, accept

MB = 1024 * 1024


def adviser_choices(advisers: list | None = None) -> list[SelectChoice]:
    """Choices of receiving advisers (the caller may pass the list it already fetched)."""
    if advisers is None:
        advisers = filing.receiving_advisers()
    return [SelectChoice(p.id, p.display_name) for p in advisers]


def build_section(step: str, draft: dict, formdata=None, advisers: list | None = None) -> Form:
    """Return a section's form, filled from the request when given, else from the draft."""
    form = forms.SECTIONS[step](formdata=formdata, data=draft.get(step, {}))
    if step == "advisers":
        form.advisers.choices = form.excluded.choices = adviser_choices(advisers)
    if step == "evidence":
        form.remove.choices = [
            SelectChoice(i, f["filename"]) for i, f in enumerate(draft.get("files", []))
        ]
    return form


def keep_section(draft: dict, step: str, form: Form) -> None:
    """Write a section's typed values into the draft (valid or not: nothing typed is lost)."""
    if step == "evidence":
        return
    data = dict(form.data)
    if step == "incidents":
        data["incidents"] = [dict(entry) for entry in data["incidents"]]
    draft[step] = data


def add_files(
    draft: dict, uploads: list[tuple[str, bytes]], max_file_mb: int, max_total_mb: int
) -> list[EvidenceRefused]:
    """Accept uploaded files into the draft; return the refusals (the rest is kept)."""
    refused = []
    files = draft.setdefault("files", [])
    total = sum(f["size"] for f in files)
    for filename, data in uploads:
        if not filename and not data:
            continue
        try:
            item = accept(filename, data, max_file_mb * MB)
        except EvidenceRefused as exc:
            refused.append(exc)
            continue
        if total + item.size > max_total_mb * MB:
            refused.append(EvidenceRefused("total_too_large", item.filename))
            continue
        total += item.size
        files.append({**item.as_dict(), "size": item.size, "data": drafts.encode_file(item.data)})
    return refused


def remove_files(draft: dict, indexes: list[int]) -> None:
    draft["files"] = [f for i, f in enumerate(draft.get("files", [])) if i not in set(indexes)]


def evidence_of(draft: dict) -> list[Evidence]:
    return [
        Evidence(
            f["filename"], f["mime"], drafts.decode_file(f["data"]), f["sha256"], f["reencoded"]
        )
        for f in draft.get("files", [])
    ]


def first_incomplete_step(draft: dict) -> str | None:
    """Return the first step whose saved answers do not validate, or None when all do."""
    for step in forms.STEPS:
        if step != "evidence" and not build_section(step, draft).validate():
            return step
    return None


def submission_of(draft: dict) -> filing.Submission:
    """Turn a complete draft into what gets filed."""
    mode = draft["mode"]
    contact = {}
    if mode["mode"] != "anonymous":
        contact = {k: (mode.get(f"contact_{k}") or "").strip() for k in ("name", "email", "phone")}
    incidents = [
        {k: (v or "").strip() for k, v in incident.items() if k != "csrf_token"}
        for incident in draft["incidents"]["incidents"]
        if any((v or "").strip() for v in incident.values() if isinstance(v, str))
    ] + draft.get("record_entries", [])  # copied from the reporter's own record (issue 12)
    return filing.Submission(
        category=draft["kind"]["category"],
        incidents=incidents,
        ongoing=draft["incidents"]["ongoing"],
        wishes=list(draft.get("wishes", {}).get("wishes") or []),
        wish_note=(draft.get("wishes", {}).get("wish_note") or "").strip(),
        mode=mode["mode"],
        advisers=[int(i) for i in draft["advisers"]["advisers"]],
        excluded=[int(i) for i in draft["advisers"].get("excluded") or []],
        contact=contact,
        evidence=evidence_of(draft),
        source=draft["incidents"].get("source") or "",
    )
