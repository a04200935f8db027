"""Hypothesis feeds arbitrary input to every form: the answer is never a server error."""

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from portal.core.accounts.roles import Role
from tests.conftest import make_adviser, sign_in_fully, signed_in_client

# Arbitrary text, including control characters, surrogates-free unicode, markup and very long strings.
TEXT = st.one_of(
    st.text(max_size=300),
    st.sampled_from(
        [
            "<script>alert(1)</script>",
            "' OR 1=1 --",
            "\x00",
            "%00",
            "../../etc/passwd",
            "A" * 30_000,
            "𝕍𝕖𝕣𝕥𝕣𝕠𝕦𝕨𝕕",
            "\u202e",
        ]
    ),
)
FUZZ = settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)

REPORT_FIELDS = [
    "category",
    "incidents-0-when",
    "incidents-0-time",
    "incidents-0-place",
    "incidents-0-address",
    "incidents-0-people",
    "incidents-0-witnesses",
    "incidents-0-description",
    "ongoing",
    "wishes",
    "wish_note",
    "mode",
    "contact_name",
    "contact_email",
    "contact_phone",
    "advisers",
    "excluded",
    "action",
    "remove",
]


def assert_no_server_error(response):
    assert response.status_code < 500, response.get_data(as_text=True)[:500]


@FUZZ
@given(values=st.dictionaries(st.sampled_from(REPORT_FIELDS), TEXT, max_size=len(REPORT_FIELDS)))
def test_report_steps_and_one_page_form(client, values):
    for step in ("kind", "incidents", "wishes", "evidence", "mode", "advisers"):
        assert_no_server_error(client.post(f"/report/step/{step}", data=values))
    assert_no_server_error(client.post("/report/form", data=values))
    assert_no_server_error(client.get("/report/review"))
    assert_no_server_error(client.post("/report/send"))


@FUZZ
@given(email=TEXT, password=TEXT, code=TEXT, next_=TEXT)
def test_sign_in_second_factor_and_follow_up(client, email, password, code, next_):
    assert_no_server_error(
        client.post(
            "/sign-in", query_string={"next": next_}, data={"email": email, "password": password}
        )
    )
    assert_no_server_error(client.post("/second-factor", data={"code": code}))
    assert_no_server_error(client.post("/followup/", data={"code": code}))
    assert_no_server_error(client.post("/language", data={"locale": email, "next": next_}))
    assert_no_server_error(
        client.post("/report/confirm", data={"reference": email, "code": code, "typed": password})
    )


@FUZZ
@given(
    values=st.dictionaries(
        st.sampled_from(["display_name", "email", "roles", "name", "lead", "members", "active"]),
        TEXT,
    )
)
def test_admin_forms(client, values):
    if not getattr(client, "_signed_in", False):
        signed_in_client(client, [Role.ADMIN], email="admin@example.test")
        client._signed_in = True
    for path in (
        "/admin/people/new",
        "/admin/teams/new",
        "/admin/people/1",
        "/admin/people/1/active",
    ):
        assert_no_server_error(client.post(path, data=values))


@FUZZ
@given(
    args=st.dictionaries(
        st.sampled_from(["status", "track", "category", "sort", "page", "q", "overdue", "waiting"]),
        TEXT,
    )
)
def test_inbox_filters_and_adviser_forms(app, args):
    client = getattr(app, "_fuzz_client", None)
    if client is None:
        adviser = make_adviser()
        client = app._fuzz_client = sign_in_fully(app.test_client(), adviser)
    assert_no_server_error(client.get("/inbox/", query_string=args))
    assert_no_server_error(client.get("/inbox/", query_string=args, headers={"HX-Request": "true"}))
    assert_no_server_error(client.post("/inbox/oral", data=args))
