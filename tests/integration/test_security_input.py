"""Issue 12, item 5: bad input gives a clear 4xx at one boundary, never a 500.

The attacks: a comment with U+0000 (a PostgreSQL DataError), a lone surrogate "\\ud800" (on any
database), ``?min_age_days=3000000`` on the review queue, over 1,000 form fields (an HTML 400
from the API), and ``files: [true]`` read as file id 1.

The first test is generated from the API's own OpenAPI schema: every string in every request
body, query and path of every operation gets a NUL and a lone surrogate.
"""

import json
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from airlock.outputs.models import OutputFile
from tests.integration import review_world as w

pytestmark = pytest.mark.django_db

BAD_TEXTS = {"nul": "a\x00b", "lone_surrogate": "a\ud800b"}
REFUSED = "NUL character or a lone surrogate"


@pytest.fixture
def world():
    project, researcher, _admin = w.project("p5", sampling_rate=1.0)
    reviewer = w.user("rita", reviewer=True)
    scanned = w.scanned_file(project, researcher, name="a.csv")
    released = w.transferred_file(project, researcher, name="b.csv")
    return {
        "code": project.code,
        "file_id": {"scanned": scanned.pk, "released": released.pk},
        "item_id": released.review_item.pk,
        "researcher": w.api(w.token(researcher)),
        "reviewer": w.api(w.token(reviewer)),
    }


def openapi() -> dict:
    return w.Client().get("/api/openapi.json").json()


def resolve(schema: dict, spec: dict) -> dict:
    while "$ref" in schema:
        schema = spec["components"]["schemas"][schema["$ref"].rsplit("/", 1)[1]]
    return schema


def valid_value(schema: dict, spec: dict):
    schema = resolve(schema, spec)
    kind = schema.get("type")
    if kind == "object":
        return {k: valid_value(v, spec) for k, v in schema.get("properties", {}).items()}
    if kind == "array":
        return [valid_value(schema.get("items", {}), spec)]
    if kind == "integer":
        return 1
    if kind == "boolean":
        return False
    return "ok"


def string_paths(schema: dict, spec: dict, path: tuple = ()):
    """The path to every string field in a schema (lists: their first item)."""
    schema = resolve(schema, spec)
    kind = schema.get("type")
    if kind == "object":
        for name, sub in schema.get("properties", {}).items():
            yield from string_paths(sub, spec, (*path, name))
    elif kind == "array":
        yield from string_paths(schema.get("items", {}), spec, (*path, 0))
    elif kind == "string" or (kind is None and "anyOf" not in schema):
        yield path


def wire(text: str) -> str:
    """Text as it can travel in a URL: NUL as %00, a lone surrogate as its (invalid) UTF-8."""
    return re.sub(r"[\x00\ud800]", lambda m: "%00" if m[0] == "\x00" else "%ED%A0%80", text)


def put(value, path: tuple, text: str):
    if not path:
        return text
    value[path[0]] = put(value[path[0]], path[1:], text)
    return value


def text_fields() -> list[tuple[str, str, str, tuple]]:
    """(method, path, where, field) for every text field the API takes."""
    from django.test import Client

    spec = Client().get("/api/openapi.json").json()
    fields = []
    for path, operations in spec["paths"].items():
        for method, operation in operations.items():
            for parameter in operation.get("parameters", []):
                if parameter.get("schema", {}).get("type") == "string":
                    fields.append((method, path, parameter["in"], (parameter["name"],)))
            body = operation.get("requestBody", {}).get("content", {}).get("application/json")
            if body:
                for field in string_paths(body["schema"], spec):
                    fields.append((method, path, "body", field))
    return fields


def send(world, method: str, path: str, where: str, field: tuple, text: str):
    spec = openapi()
    operation = spec["paths"][path][method]
    values = {
        "code": world["code"],
        "file_id": world["file_id"]["released" if "/portal/" in path else "scanned"],
        "item_id": world["item_id"],
    }
    url_values = dict(values)
    if where == "path":
        url_values[field[0]] = text
    url = wire(path.format(**{k: str(v) for k, v in url_values.items()}))
    query = {}
    if where == "query":
        query[field[0]] = wire(text)
    headers = world["reviewer"] if path.startswith("/api/review/") else world["researcher"]
    client = w.Client()
    body = operation.get("requestBody", {}).get("content", {}).get("application/json")
    if body is not None:
        payload = valid_value(body["schema"], spec)
        if where == "body":
            payload = put(payload, field, text)
        return client.generic(
            method.upper(),
            url + ("?" + "&".join(f"{k}={v}" for k, v in query.items()) if query else ""),
            data=json.dumps(payload),
            content_type="application/json",
            **headers,
        )
    if query:
        url += "?" + "&".join(f"{k}={v}" for k, v in query.items())
    return client.generic(method.upper(), url, **headers)


TEXT_FIELDS = text_fields()


def test_the_api_has_text_fields_to_check():
    where = {(method, path, field) for method, path, _where, field in TEXT_FIELDS}
    assert ("post", "/api/inside/projects/{code}/files/{file_id}/comment", ("comment",)) in where
    assert ("post", "/api/review/items/{item_id}/decision", ("note",)) in where
    assert ("get", "/api/review/queue", ("reason",)) in where


@pytest.mark.parametrize("text", BAD_TEXTS.values(), ids=BAD_TEXTS.keys())
@pytest.mark.parametrize(
    "method,path,where,field",
    TEXT_FIELDS,
    ids=[f"{m.upper()} {p} {w_}:{'.'.join(map(str, f))}" for m, p, w_, f in TEXT_FIELDS],
)
def test_every_text_field_of_the_api_refuses_nul_and_lone_surrogates(
    world, method, path, where, field, text
):
    response = send(world, method, path, where, field, text)

    assert response.status_code == 400, response.content
    assert response["Content-Type"].startswith("application/json")
    assert REFUSED in response.json()["error"]


def test_an_upload_whose_file_name_holds_a_nul_never_stores_it(world):
    response = w.Client().post(
        "/api/inside/projects/p5/files",
        {"file": SimpleUploadedFile("a\x00b.csv", b"a;b\n1;2\n")},
        **world["researcher"],
    )
    assert response.status_code in (201, 400)
    assert not [n for n in OutputFile.objects.values_list("name", flat=True) if "\x00" in n]


@pytest.mark.parametrize("text", BAD_TEXTS.values(), ids=BAD_TEXTS.keys())
def test_page_forms_and_queries_refuse_nul_and_lone_surrogates(world, text):
    researcher = OutputFile.objects.get(pk=world["file_id"]["scanned"]).uploaded_by
    page = w.signed_in(researcher).post(
        f"/inside/projects/p5/files/{world['file_id']['scanned']}/comment/",
        f"f{world['file_id']['scanned']}-comment={wire(text)}",
        content_type="application/x-www-form-urlencoded",
    )
    assert page.status_code == 400
    assert REFUSED in page.content.decode()
    reviewer = w.user("rune", reviewer=True)
    queue = w.signed_in(reviewer).get("/review/?project=" + wire(text))
    assert queue.status_code == 400
    assert OutputFile.objects.get(pk=world["file_id"]["scanned"]).comment == ""


@pytest.mark.postgres
def test_a_comment_with_u0000_is_a_400_not_a_database_error(world):
    """On PostgreSQL a NUL in a text column is a DataError: the 500 of the red-team run."""
    response = w.Client().post(
        f"/api/inside/projects/p5/files/{world['file_id']['scanned']}/comment",
        data='{"comment": "Counts\\u0000 of municipalities"}',
        content_type="application/json",
        **world["researcher"],
    )
    assert response.status_code == 400
    assert REFUSED in response.json()["error"]


def test_a_lone_surrogate_in_a_decision_note_is_a_400(world):
    response = w.Client().post(
        f"/api/review/items/{world['item_id']}/decision",
        data='{"decision": "minor_breach", "note": "\\ud800"}',
        content_type="application/json",
        **world["reviewer"],
    )
    assert response.status_code == 400
    assert REFUSED in response.json()["error"]


@pytest.mark.parametrize("days", ["3000000", "-1", "99999999999999999999999"])
def test_the_queue_age_filter_is_bounded(world, days):
    response = w.Client().get(f"/api/review/queue?min_age_days={days}", **world["reviewer"])
    assert response.status_code == 400
    assert response.json()["detail"][0]["loc"] == ["query", "min_age_days"]
    page = w.signed_in(w.user("rune", reviewer=True)).get(f"/review/?min_age_days={days}")
    assert page.status_code in (200, 400)


def test_a_thousand_and_one_form_fields_get_a_json_error(world):
    many = "&".join(f"f{i}=1" for i in range(1001))
    query = w.Client().get(f"/api/review/queue?{many}", **world["reviewer"])
    form = w.Client().post(
        f"/api/review/items/{world['item_id']}/decision",
        data=many,
        content_type="application/x-www-form-urlencoded",
        **world["reviewer"],
    )
    upload = w.Client().post(
        "/api/inside/projects/p5/files",
        {**{f"f{i}": "1" for i in range(1001)}, "file": SimpleUploadedFile("c.csv", b"a\n")},
        **world["researcher"],
    )
    for response in (query, form, upload):
        assert response.status_code == 400
        assert response["Content-Type"].startswith("application/json")
        assert "Too many form fields" in response.json()["error"]


@pytest.mark.parametrize("files", [[True], ["1"], [1.0], [0], [2**63]])
def test_file_id_lists_are_strict(world, files):
    response = w.Client().post(
        "/api/inside/projects/p5/transfers",
        data=json.dumps({"files": files, "approve": True}),
        content_type="application/json",
        **world["researcher"],
    )
    assert response.status_code == 400
    assert response.json()["detail"][0]["loc"][:3] == ["body", "payload", "files"]
    assert OutputFile.objects.get(pk=world["file_id"]["scanned"]).status == "scanned"


@pytest.mark.parametrize("query", ["until=9999-12-31", "since=0001-01-01", "since=1-1-1"])
def test_audit_date_filters_at_the_ends_of_the_calendar_are_not_a_500(query):
    browser = w.signed_in(w.user("rune", reviewer=True))
    for path in ("/review/audit/", "/review/audit/export.csv"):
        response = browser.get(f"{path}?{query}")
        assert response.status_code in (200, 400), (path, response.status_code)
