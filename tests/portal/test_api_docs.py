"""The API reference at /api/v1/docs/ (plain HTML from the OpenAPI schema) and the opt-in
Swagger UI console at /api/v1/docs/console/."""

import gzip
from html import unescape
from html.parser import HTMLParser
from unittest import mock

import pytest
from django.conf import settings
from django.urls import reverse
from drf_spectacular.generators import SchemaGenerator

from portal.api import reference

pytestmark = pytest.mark.django_db

METHODS = ("get", "post", "put", "patch", "delete")


class ReferencePage(HTMLParser):
    """What the page shows: each operation (method, path) with its parameters (name →
    description), whether it is described (itself or by its resource), the caption and
    header cells of every table, and the language of the html element."""

    def __init__(self):
        super().__init__()
        self.operations: dict[tuple[str, str], dict[str, str]] = {}
        self.described: set[tuple[str, str]] = set()
        self.html_lang = None
        self.header_cells_without_scope = 0
        self.tables = 0
        self.captions = 0
        self._sections: list[tuple[str, tuple[str, str] | None]] = []
        self._resource_described = False
        self._in_parameters = False
        self._row: list[list[str]] | None = None
        self._row_has_row_header = False

    @property
    def _operation(self):
        return next((key for kind, key in reversed(self._sections) if kind == "operation"), None)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        classes = (attrs.get("class") or "").split()
        if tag == "html":
            self.html_lang = attrs.get("lang")
        elif tag == "section":
            if "api-operation" in classes:
                key = (attrs["data-method"], attrs["data-path"])
                self.operations[key] = {}
                self._sections.append(("operation", key))
                if self._resource_described:
                    self.described.add(key)
            else:
                if "api-resource" in classes:
                    self._resource_described = False
                self._sections.append(("other", None))
        elif tag == "div" and "api-description" in classes:
            if self._operation:
                self.described.add(self._operation)
            else:
                self._resource_described = True
        elif tag == "table":
            self.tables += 1
            self._in_parameters = "api-parameters" in classes
        elif tag == "caption":
            self.captions += 1
        elif tag == "tr":
            self._row, self._row_has_row_header = [], False
        elif tag in {"th", "td"} and self._row is not None:
            if tag == "th":
                if attrs.get("scope") not in {"row", "col"}:
                    self.header_cells_without_scope += 1
                self._row_has_row_header |= attrs.get("scope") == "row"
            self._row.append([])

    def handle_endtag(self, tag):
        if tag == "section" and self._sections:
            self._sections.pop()
        elif tag == "tr" and self._row is not None:
            if self._in_parameters and self._row_has_row_header:
                name, *_cells, description = ("".join(cell).strip() for cell in self._row)
                self.operations[self._operation][name] = description
            self._row = None
        elif tag == "table":
            self._in_parameters = False

    def handle_data(self, data):
        if self._row:
            self._row[-1].append(data)


def parse(response) -> ReferencePage:
    page = ReferencePage()
    page.feed(response.content.decode())
    return page


def schema_operations() -> dict[tuple[str, str], list[str]]:
    """Every operation of the schema the portal serves, with its parameters' names."""
    schema = SchemaGenerator().get_schema(request=None, public=True)
    return {
        (method, path): [parameter["name"] for parameter in item[method].get("parameters", [])]
        for path, item in schema["paths"].items()
        for method in METHODS
        if method in item
    }


@pytest.fixture
def fresh_reference():
    """The reference is built once per process; these tests start without it."""
    reference.clear_cache()
    yield
    reference.clear_cache()


def test_rendered_reference_is_kept_per_language(fresh_reference, anonymous_client):
    first = anonymous_client.get(reverse("api:docs"))
    operations = first.content.count(b'class="api-operation"')
    assert operations > 10
    empty = reference.Reference(title="", version="", description="", resources=(), components=())
    with mock.patch("portal.api.views.api_reference", return_value=empty):
        # The same language and address: the rendered reference comes from the cache.
        again = anonymous_client.get(reverse("api:docs"))
        # Another language is rendered afresh (here from the patched, empty reference).
        anonymous_client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
        english = anonymous_client.get(reverse("api:docs"))
    assert again.content.count(b'class="api-operation"') == operations
    assert english.content.count(b'class="api-operation"') == 0


def test_reference_is_built_once_per_process_and_runs_no_query(
    fresh_reference, anonymous_client, django_assert_num_queries
):
    with mock.patch.object(
        SchemaGenerator, "get_schema", autospec=True, side_effect=SchemaGenerator.get_schema
    ) as get_schema:
        # The first request builds the schema, the second reuses it; neither asks the
        # database (no session, no user, no content on the page).
        with django_assert_num_queries(0):
            first = anonymous_client.get(reverse("api:docs"))
        with django_assert_num_queries(0):
            second = anonymous_client.get(reverse("api:docs"))
    assert first.status_code == second.status_code == 200
    assert get_schema.call_count == 1
    assert first.content == second.content


def test_every_operation_of_the_schema_is_documented_with_its_parameters(
    fresh_reference, anonymous_client
):
    page = parse(anonymous_client.get(reverse("api:docs")))
    expected = schema_operations()
    assert len(expected) > 30
    # Exactly the schema's operations: a new endpoint appears by itself, and nothing the
    # schema leaves out is shown.
    assert set(page.operations) == set(expected)
    for operation, parameters in expected.items():
        assert list(page.operations[operation]) == parameters, operation
        # Documented means described: the operation (or its resource) and each parameter.
        assert operation in page.described, operation
        for name, description in page.operations[operation].items():
            assert description, f"{operation}: parameter {name} has no description"
    assert list(page.operations[("get", "/api/v1/projects/")])[:3] == [
        "licence",
        "lighthouse",
        "modified_since",
    ]
    assert page.operations[("get", "/api/v1/projects/")]["modified_since"].startswith(
        "Only objects changed at or after this moment"
    )


def test_endpoints_the_schema_excludes_are_not_documented(fresh_reference, anonymous_client):
    response = anonymous_client.get(reverse("api:docs"))
    documented_paths = {path for _method, path in parse(response).operations}
    excluded = {reverse("api:schema"), reverse("api:docs"), reverse("api:docs_console")}
    assert excluded.isdisjoint(documented_paths)
    assert excluded.isdisjoint(path for _method, path in schema_operations())
    # The schema's own parameters (format, lang) belong to the excluded schema endpoint.
    assert 'id="operation-schema_retrieve"' not in response.content.decode()


def test_an_operation_shows_its_parameters_body_responses_scope_and_curl_example(
    fresh_reference, anonymous_client
):
    html = anonymous_client.get(reverse("api:docs")).content.decode()
    start = html.index('id="operation-projects_create"')
    operation = html[start : html.index("</section>", start)]
    assert 'href="#schema-ProjectRequest"' in operation
    assert "<code>write:bestpractices.project</code>" in operation
    assert '<th scope="row">201</th>' in operation
    assert '<th scope="row">403</th>' in operation
    assert "The token or account lacks the write scope." in operation
    # The example copies as a runnable command (the quotes are escaped only in the HTML).
    assert (
        'curl -X POST "http://testserver/api/v1/projects/" \\\n'
        '  -H "Authorization: Bearer $API_TOKEN" \\\n'
        '  -H "Content-Type: application/json" \\\n'
        "  --data @body.json</code></pre>" in unescape(operation)
    )
    # Enum values of a parameter are listed.
    start = html.index('id="operation-projects_list"')
    listing = html[start : html.index("</section>", start)]
    for value in ("idea", "planned", "running", "completed", "discontinued"):
        assert f"<code>{value}</code>" in listing
    # Path parameters in the example get a plausible value.
    assert 'curl "http://testserver/api/v1/municipalities/05513000/"' in unescape(html)


def test_component_schemas_list_their_fields(fresh_reference, anonymous_client):
    html = anonymous_client.get(reverse("api:docs")).content.decode()
    start = html.index('id="schema-Tombstone"')
    component = html[start : html.index("</section>", start)]
    for field in ("resource", "key", "reason", "removed_at"):
        assert f'<th scope="row"><code>{field}</code></th>' in component
    assert '<a href="#schema-ReasonEnum">ReasonEnum</a>' in component


def test_page_is_accessible_markup_with_the_schema_texts_marked_english(
    fresh_reference, anonymous_client
):
    response = anonymous_client.get(reverse("api:docs"))
    html = response.content.decode()
    page = parse(response)
    assert page.html_lang == "de"
    assert html.count("<h1>") == 1
    assert page.tables == page.captions > 60
    assert page.header_cells_without_scope == 0
    assert '<nav class="api-toc" aria-labelledby="api-toc-title">' in html
    assert 'href="#operation-projects_list"' in html
    assert '<td lang="en">Rate limit exceeded; retry after the given seconds.</td>' in html
    assert "Parameter von GET /api/v1/projects/" in html
    # Strict CSP: no script at all, no inline style; the page's CSS is a static file.
    assert "<script" not in html
    assert "style=" not in html
    assert "/static/portal/api_reference.css" in html


def test_introduction_describes_authentication_paging_sync_and_links_schema_and_console(
    fresh_reference, anonymous_client
):
    html = anonymous_client.get(reverse("api:docs")).content.decode()
    assert '<pre tabindex="0"><code>http://testserver/api/v1/</code></pre>' in html
    assert 'curl -H "Authorization: Bearer $API_TOKEN"' in unescape(html)
    assert "<code>read:drafts</code>" in html
    assert "bis zu 100" in html
    assert "modified_since" in html and "<code>tombstones</code>" in html
    assert "If-None-Match" in html
    rates = settings.REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"]
    assert f"<code>{rates['anon']}</code>" in html
    assert f'href="{reverse("api:schema")}"' in html
    assert f'href="{reverse("api:schema")}?format=json"' in html
    assert f'href="{reverse("api:docs_console")}"' in html
    assert "500 KB JavaScript" in html


def test_schema_offers_the_json_form_the_page_links_to(anonymous_client):
    response = anonymous_client.get(reverse("api:schema"), {"format": "json"})
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.oai.openapi+json")


def test_english_visitors_get_the_page_in_english(fresh_reference, anonymous_client):
    anonymous_client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    response = anonymous_client.get(reverse("api:docs"))
    html = response.content.decode()
    assert parse(response).html_lang == "en"
    assert "<h1>API reference</h1>" in html
    assert "Parameters of GET /api/v1/projects/" in html
    assert "Authentication and permissions" in html
    assert "Einführung" not in html


def test_language_switch_leads_back_to_the_reference_in_english(fresh_reference, anonymous_client):
    docs = reverse("api:docs")
    switch = anonymous_client.get(reverse("portal:switch_language", args=["en"]), {"next": docs})
    assert switch.status_code == 302
    assert switch["Location"] == docs
    assert "<h1>API reference</h1>" in anonymous_client.get(docs).content.decode()


def test_reference_sets_no_cookie(fresh_reference, anonymous_client):
    assert anonymous_client.get(reverse("api:docs")).cookies == {}


def test_reference_is_gzipped_like_other_public_pages_and_api_answers_are_not(
    fresh_reference, anonymous_client
):
    page = anonymous_client.get(reverse("api:docs"), headers={"accept-encoding": "gzip"})
    assert page["Content-Encoding"] == "gzip"
    assert b"API-Referenz" in gzip.decompress(page.content)
    api = anonymous_client.get(reverse("api:theme-list"), headers={"accept-encoding": "gzip"})
    assert not api.has_header("Content-Encoding")


def test_console_serves_swagger_ui_from_the_sidecar(anonymous_client):
    response = anonymous_client.get(reverse("api:docs_console"))
    assert response.status_code == 200
    html = response.content.decode()
    assert "/static/drf_spectacular_sidecar/swagger-ui-dist/swagger-ui-bundle.js" in html
    assert f'src="{reverse("api:docs_console")}?script="' in html
    script = anonymous_client.get(reverse("api:docs_console"), {"script": ""})
    assert script.status_code == 200
    assert "SwaggerUIBundle" in script.content.decode()
    assert reverse("api:schema") in script.content.decode()
