import pytest
from django.urls import reverse
from openapi_spec_validator import validate

from portal.api.viewsets import VisibleQuerysetMixin

pytestmark = pytest.mark.django_db


def test_api_root_lists_the_resources(anonymous_client):
    response = anonymous_client.get("/api/v1/", HTTP_ACCEPT="application/json")
    assert response.status_code == 200
    assert response.json()["themes"] == "http://testserver/api/v1/themes/"


def test_themes_endpoint_lists_the_ten_themes(anonymous_client, django_assert_num_queries):
    # 1 count for the pagination, 1 select of the page.
    with django_assert_num_queries(2):
        response = anonymous_client.get("/api/v1/themes/")
    body = response.json()
    assert body["count"] == 10
    assert body["results"][0] == {
        "slug": "verwaltung",
        "name": "Verwaltung",
        "name_en": "Administration",
        "description": "",
        "position": 10,
    }
    detail = anonymous_client.get("/api/v1/themes/datenplattform/").json()
    assert detail["name"] == "Datenplattform"


def test_anonymous_cannot_write_themes(anonymous_client):
    response = anonymous_client.post("/api/v1/themes/", {"name": "X", "slug": "x"})
    assert response.status_code in {401, 403, 405}


def test_states_endpoint_has_the_sixteen_states(anonymous_client):
    states = anonymous_client.get("/api/v1/states/").json()
    assert len(states) == 16
    assert states[0] == {
        "code": "01",
        "name": "Schleswig-Holstein",
        "name_en": "Schleswig-Holstein",
        "abbreviation": "SH",
    }


def test_openapi_schema_is_valid_openapi_3(anonymous_client):
    response = anonymous_client.get(reverse("api:schema"), {"format": "json"})
    assert response.status_code == 200
    schema = response.json()
    validate(schema)
    assert schema["openapi"].startswith("3.")
    assert "/api/v1/themes/" in schema["paths"]


def test_api_console_loads_its_assets_from_the_portal_only(anonymous_client):
    html = anonymous_client.get(reverse("api:docs_console")).content.decode()
    assert "swagger-ui" in html
    assert "cdn." not in html
    assert "/static/drf_spectacular_sidecar/swagger-ui-dist/" in html
    # Every script is a file (ready for a CSP without 'unsafe-inline').
    assert "<script>" not in html
    script = anonymous_client.get(reverse("api:docs_console"), {"script": ""})
    assert script.status_code == 200
    assert "SwaggerUIBundle" in script.content.decode()


@pytest.mark.django_db
def test_unknown_api_paths_answer_in_the_api_error_format(client):
    response = client.get("/api/v1/gibt-es-nicht/")
    assert response.status_code == 404
    assert response["Content-Type"] == "application/json"
    assert response.json() == {"detail": "Nicht gefunden."}
    page = client.get("/gibt-es-nicht/")
    assert page.status_code == 404
    assert page["Content-Type"].startswith("text/html")


def test_tombstones_accept_an_offset_postgresql_cannot_store(client):
    response = client.get("/api/v1/tombstones/", {"modified_since": "2420-03-31T02:24:41-17:10"})
    assert response.status_code == 200
    response = client.get("/api/v1/tombstones/", {"modified_since": "0001-01-01T00:00:00+16:26"})
    assert response.status_code == 400


def test_every_operation_parameter_and_error_is_documented(anonymous_client):
    schema = anonymous_client.get(reverse("api:schema"), {"format": "json"}).json()
    operations = [
        (path, method, operation)
        for path, item in schema["paths"].items()
        for method, operation in item.items()
        if method in {"get", "post", "put", "patch", "delete"}
    ]
    assert len(operations) > 30
    for path, method, operation in operations:
        assert operation.get("description"), (method, path)
        for parameter in operation.get("parameters", []):
            assert parameter.get("description"), (method, path, parameter["name"])
        responses = operation["responses"]
        assert {"401", "429"} <= set(responses), (method, path)
        if "{" in path:
            assert "404" in responses, (method, path)
        if method in {"post", "put", "patch"}:
            assert {"400", "403"} <= set(responses), (method, path)


@pytest.mark.parametrize(
    "path",
    [
        "/api/v1/municipalities/",
        "/api/v1/projects/",
        "/api/v1/events/",
        "/api/v1/funding-programmes/",
    ],
)
def test_main_lists_have_a_response_example(anonymous_client, path):
    schema = anonymous_client.get(reverse("api:schema"), {"format": "json"}).json()
    content = schema["paths"][path]["get"]["responses"]["200"]["content"]["application/json"]
    assert content["examples"], path


@pytest.mark.parametrize(
    "url", ["/api/v1/projects/", "/api/v1/events/", "/api/v1/funding-programmes/"]
)
def test_an_api_list_builds_its_queryset_once(client, monkeypatch, url):
    """DRF's model permissions asked the view for its queryset to find the model, which built
    the request's whole queryset (a programme's status subqueries) a second time."""
    built = []
    original = VisibleQuerysetMixin.get_queryset

    def counting(self):
        built.append(self.action)
        return original(self)

    monkeypatch.setattr(VisibleQuerysetMixin, "get_queryset", counting)
    assert client.get(url).status_code == 200
    assert built == ["list"]


@pytest.mark.parametrize(
    "component",
    [
        "EventList",
        "Event",
        "ExpertCircle",
        "FundingProgrammeList",
        "FundingProgramme",
        "FundingCallList",
        "FundingCall",
    ],
)
def test_api_schema_documents_the_example_flag(client, component):
    schema = client.get("/api/v1/schema/", {"format": "json", "lang": "en"}).json()
    field = schema["components"]["schemas"][component]["properties"]["is_example"]
    assert field["type"] == "boolean"
    assert "Made up to show how the portal works" in field["description"]
