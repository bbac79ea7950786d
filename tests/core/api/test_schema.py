"""The OpenAPI schema documents every endpoint, filter, error and the auth scheme, and is valid;
the interactive docs are served from this origin only (no CDN)."""

import os
import re
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import pytest
from django.conf import settings
from openapi_spec_validator import validate
from rest_framework.test import APIClient

from core.api.filters import RELEVANCE
from core.api.pagination import MAX_PAGE_SIZE
from tests.support.factories import ClaimFactory
from tests.support.routes import RECORD_ROUTES, ROUTES, superuser_client

PREFIX = "/api/v1/"
SHAPE_PARAMETERS = {"fields", "brief"}
LIST_PARAMETERS = {"cursor", "page_size"}


@pytest.fixture(scope="module")
def schema(django_db_blocker):
    with django_db_blocker.unblock():
        response = APIClient().get(f"{PREFIX}schema/", {"format": "json"})
    assert response.status_code == 200, response.content
    return response.json()


def path_of(route, detail: bool) -> str:
    return f"{PREFIX}{route.prefix}/" + ("{id}/" if detail else "")


def operations(schema):
    for path, item in schema["paths"].items():
        for method, operation in item.items():
            if method in {"get", "post", "put", "patch", "delete"}:
                yield path, method, operation


def parameters(operation, location="query") -> dict:
    return {p["name"]: p for p in operation.get("parameters", []) if p["in"] == location}


def test_schema_is_valid_openapi_3(schema):
    assert schema["openapi"].startswith("3.")
    validate(schema)


def test_schema_is_public_and_served_as_yaml_by_default(db):
    """Documentation is not data: anyone may read how to authenticate."""
    response = APIClient().get(f"{PREFIX}schema/")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.oai.openapi")
    assert response.content.startswith(b"openapi: 3.")


def test_spectacular_validates_without_warnings(tmp_path):
    """``manage.py spectacular --validate --fail-on-warn`` passes: nothing is guessed."""
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "config.settings.test"}
    result = subprocess.run(  # noqa: S603 (a fixed command)
        [
            sys.executable,
            "manage.py",
            "spectacular",
            "--validate",
            "--fail-on-warn",
            "--skip-checks",
            "--file",
            str(tmp_path / "schema.yaml"),
        ],
        cwd=settings.BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert result.returncode == 0, result.stderr[-5000:]
    assert "Warning" not in result.stderr, result.stderr[-5000:]
    assert (tmp_path / "schema.yaml").read_text().startswith("openapi: 3.")


@pytest.mark.parametrize("route", ROUTES, ids=str)
def test_every_route_and_method_is_documented(schema, route):
    for detail in (False, True):
        methods = route.methods(detail=detail) - {"head", "options"}
        documented = set(schema["paths"].get(path_of(route, detail), {})) & {
            "get",
            "post",
            "put",
            "patch",
            "delete",
        }
        assert documented == methods, (route, detail)


@pytest.mark.parametrize("route", ROUTES, ids=str)
def test_every_filter_is_a_described_query_parameter(schema, route):
    operation = schema["paths"][path_of(route, False)]["get"]
    documented = parameters(operation)
    expected = set(route.filters) | LIST_PARAMETERS
    if route.is_record:
        expected |= SHAPE_PARAMETERS | {"ordering"}
    assert expected <= set(documented), expected - set(documented)
    undescribed = [name for name, p in documented.items() if not p.get("description", "").strip()]
    assert not undescribed, f"{route}: query parameters without a description: {undescribed}"


def test_page_size_documents_its_cap(schema):
    for _path, _method, operation in operations(schema):
        if "page_size" in parameters(operation):
            assert f"at most {MAX_PAGE_SIZE}" in parameters(operation)["page_size"]["description"]


@pytest.mark.parametrize("route", RECORD_ROUTES, ids=str)
def test_ordering_lists_the_fields_it_accepts(schema, route):
    ordering = parameters(schema["paths"][path_of(route, False)]["get"])["ordering"]
    accepted = set(ordering["schema"]["items"]["enum"])
    for name in route.viewset.ordering_fields or ["id"]:
        if name == RELEVANCE:  # best match first only: -relevance is refused
            assert name in accepted
            assert f"-{name}" not in accepted
        else:
            assert {name, f"-{name}"} <= accepted
    assert ordering["explode"] is False


def test_id_filters_document_what_they_accept(schema):
    actors = parameters(schema["paths"][f"{PREFIX}actors/"]["get"])
    assert actors["id"]["schema"]["type"] == "string"
    assert re.fullmatch(actors["id"]["schema"]["pattern"], "1,2,3")


def test_every_operation_documents_the_one_error_format(schema):
    error = schema["components"]["schemas"]["Error"]
    assert set(error["properties"]) == {"status", "code", "detail", "errors"}
    assert set(error["required"]) == {"status", "code", "detail"}
    for path, method, operation in operations(schema):
        responses = operation["responses"]
        expected = {"400", "401", "403", "406", "429"}
        if "{id}" in path:
            expected.add("404")
        if method in {"post", "put", "patch"}:
            expected |= {"413", "415"}
        assert expected <= set(responses), (path, method, expected - set(responses))
        for code, response in responses.items():
            if code >= "400":
                ref = response["content"]["application/json"]["schema"]["$ref"]
                assert ref == "#/components/schemas/Error", (path, method, code)
                assert response["description"]
        assert "WWW-Authenticate" in responses["401"]["headers"]
        assert "Retry-After" in responses["429"]["headers"]


def test_every_operation_requires_the_bearer_scheme_or_a_session(schema):
    schemes = schema["components"]["securitySchemes"]
    assert schemes["bearerAuth"]["type"] == "http"
    assert schemes["bearerAuth"]["scheme"] == "bearer"
    assert "cookieAuth" in schemes
    for path, method, operation in operations(schema):
        names = {name for requirement in operation["security"] for name in requirement}
        assert "bearerAuth" in names, (path, method)
        assert {} not in operation["security"], f"{method} {path} allows anonymous requests"


@pytest.mark.parametrize("route", RECORD_ROUTES, ids=str)
def test_etags_and_if_match_are_documented_and_if_match_is_optional(schema, route):
    detail = schema["paths"][path_of(route, True)]
    retrieve = detail["get"]
    assert "ETag" in retrieve["responses"]["200"]["headers"]
    assert "304" in retrieve["responses"]
    assert not parameters(retrieve, "header")["If-None-Match"].get("required", False)
    for method in ("put", "patch", "delete"):
        if method not in detail:
            continue
        if_match = parameters(detail[method], "header")["If-Match"]
        assert not if_match.get("required", False)
        assert "Optional" in if_match["description"]
        assert "412" in detail[method]["responses"]
        assert "428" not in detail[method]["responses"]


class _References(HTMLParser):
    def __init__(self):
        super().__init__()
        self.urls = []
        self.inline_scripts = []
        self.inline_styles = 0

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        self.urls += [attrs[name] for name in ("src", "href", "spec-url") if attrs.get(name)]
        if tag == "style":
            self.inline_styles += 1
        self._in_script = tag == "script" and not attrs.get("src")

    def handle_data(self, data):
        if getattr(self, "_in_script", False) and data.strip():
            self.inline_scripts.append(data)

    def handle_endtag(self, tag):
        self._in_script = False


@pytest.mark.parametrize("page", ["docs/", "redoc/"])
def test_docs_load_everything_from_this_origin(db, page):
    """Swagger UI and Redoc come from the sidecar's static files: no CDN, no web fonts, and
    nothing inline that the Content-Security-Policy would block."""
    client = APIClient()
    url = f"{PREFIX}{page}"
    response = client.get(url)
    assert response.status_code == 200
    policy = response["Content-Security-Policy"]
    assert "default-src 'self'" in policy
    assert "script-src 'self';" in policy  # never inline scripts
    if page == "docs/":
        assert "style-src 'self';" in policy
    html = response.content.decode()
    references = _References()
    references.feed(html)
    assert references.urls
    assert not references.inline_scripts
    assert not references.inline_styles
    assert not re.search(r"https?://|//[a-z]", html.replace("http://testserver", ""))
    for reference in references.urls:
        absolute = urljoin(f"http://testserver{url}", reference)
        assert urlsplit(absolute).netloc == "testserver", reference
        target = urlsplit(absolute)
        fetched = client.get(target.path + (f"?{target.query}" if target.query else ""))
        assert fetched.status_code == 200, reference
        fetched.close()


def test_swagger_script_names_no_external_url(db):
    response = APIClient().get(f"{PREFIX}docs/", {"script": ""})
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/javascript")
    script = response.content.decode()
    assert not re.search(r"https?://", script)
    assert f"{PREFIX}schema/" in script


def test_redoc_script_fetches_no_image_from_another_origin(db):
    """The bundle's one outside address (a logo the policy would refuse) is replaced; the
    script is cacheable and answers 304 to its ETag."""
    client = APIClient()
    page = client.get(f"{PREFIX}redoc/").content.decode()
    script_url = re.search(r'<script src="([^"]+)"', page).group(1)
    response = client.get(script_url)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/javascript")
    assert "max-age=86400" in response["Cache-Control"]
    script = response.content.decode()
    assert "cdn.redoc.ly" not in script
    assert 'createElement("img",{alt:"redocly logo"' in script
    assert client.get(script_url, HTTP_IF_NONE_MATCH=response["ETag"]).status_code == 304


def test_sidecar_bundles_are_local_files():
    from drf_spectacular_sidecar import __file__ as sidecar

    static = Path(sidecar).parent / "static" / "drf_spectacular_sidecar"
    assert (static / "swagger-ui-dist" / "swagger-ui-bundle.js").exists()
    assert (static / "redoc" / "bundles" / "redoc.standalone.js").exists()
    assert settings.SPECTACULAR_SETTINGS["SWAGGER_UI_DIST"] == "SIDECAR"
    assert settings.SPECTACULAR_SETTINGS["REDOC_DIST"] == "SIDECAR"


def test_every_documented_query_parameter_is_taken(schema, db):
    """The parameters the schema documents are exactly those the API takes: none of them is
    refused as unknown (the other way round: tests/core/api/test_errors.py)."""
    client = superuser_client()
    claim = ClaimFactory()
    for path, method, operation in operations(schema):
        if method != "get":
            continue
        url = path.replace("{id}", str(claim.pk))
        for name in parameters(operation):
            response = client.get(url, {name: ""})
            errors = response.json().get("errors", {}) if response.status_code == 400 else {}
            assert not str(errors.get(name, "")).startswith("['Unknown query"), (path, name)


def test_request_bodies_list_every_field_they_take(schema):
    """Every request body (JSON, or a multipart upload's form) is closed
    (``additionalProperties: false``): a field it does not list is refused with a 400."""
    components = schema["components"]["schemas"]
    bodies = set()
    for path, method, operation in operations(schema):
        content = operation.get("requestBody", {}).get("content", {})
        for media_type, body in content.items():
            ref = body.get("schema", {}).get("$ref")
            if ref:
                bodies.add(ref.rsplit("/", 1)[-1])
            elif method in {"post", "put", "patch"}:
                raise AssertionError(
                    f"{method} {path} ({media_type}): a request body that is not a component"
                )
    assert bodies
    for name in sorted(bodies):
        assert components[name].get("additionalProperties") is False, name
