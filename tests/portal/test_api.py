import re

import pytest
from django.test import Client, override_settings
from django.urls import reverse
from openapi_spec_validator import validate

from portal.api.viewsets import VisibleQuerysetMixin
from tests.portal.openapi import api_schema, schema_errors

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


@override_settings(DEBUG=True)
def test_unknown_api_paths_answer_json_also_while_debugging(client):
    # With DEBUG, Django answers a path no route matches with its HTML debugging page.
    response = client.get("/api/v1/gibt-es-nicht/")
    assert response.status_code == 404
    assert response.json() == {"detail": "Nicht gefunden."}
    assert client.get("/gibt-es-nicht/")["Content-Type"].startswith("text/html")


def test_a_request_django_refuses_before_any_view_is_a_json_400(anonymous_client):
    too_many = "&".join(f"page_size={number}" for number in range(1001))
    response = anonymous_client.get(f"/api/v1/themes/?{too_many}")
    assert response.status_code == 400
    assert response.json() == {"detail": "Ungültige Anfrage."}
    assert schema_errors(response, "/api/v1/themes/") == []


def test_writes_to_unknown_api_paths_are_a_json_404_not_a_csrf_refusal(user):
    client = Client(enforce_csrf_checks=True)
    client.force_login(user)
    response = client.delete("/api/v1/projects/%C2%84/")
    assert response.status_code == 404
    assert response.json() == {"detail": "Nicht gefunden."}


@pytest.mark.parametrize(
    "query",
    [
        {"page": "0"},
        {"page": "-1"},
        {"page": "last"},
        {"page_size": "false"},
        {"page_size": "0"},
        {"page_size": "2.5"},
    ],
)
def test_page_and_page_size_are_whole_numbers_from_one(anonymous_client, query):
    response = anonymous_client.get("/api/v1/themes/", query)
    assert response.status_code == 400
    assert list(response.json()) == list(query)
    assert schema_errors(response, "/api/v1/themes/") == []


def test_a_page_past_the_last_is_a_404(anonymous_client):
    response = anonymous_client.get("/api/v1/themes/", {"page": "3"})
    assert response.status_code == 404
    assert schema_errors(response, "/api/v1/themes/") == []
    # More than 100 per page give 100.
    assert anonymous_client.get("/api/v1/themes/", {"page_size": "1000"}).status_code == 200


@pytest.mark.parametrize(
    ("path", "query"),
    [
        ("/api/v1/tombstones/", {"modified_since": ""}),
        ("/api/v1/projects/", {"q": ""}),
        ("/api/v1/events/", {"date_from": ""}),
        ("/api/v1/themes/", {"page": ""}),
        ("/api/v1/stats/atlas/", {"x": ""}),
    ],
)
def test_a_parameter_without_a_value_is_a_400_naming_it(anonymous_client, path, query):
    response = anonymous_client.get(path, query)
    assert response.status_code == 400
    assert list(response.json()) == list(query)


def test_a_filter_naming_an_unknown_object_is_a_404_naming_the_parameter(anonymous_client):
    response = anonymous_client.get("/api/v1/events/", {"theme": "gibt-es-nicht"})
    assert response.status_code == 404
    assert list(response.json()) == ["theme"]
    assert schema_errors(response, "/api/v1/events/") == []
    # A value outside an enumeration breaks the schema: a 400.
    assert anonymous_client.get("/api/v1/events/", {"kind": "party"}).status_code == 400


@pytest.mark.parametrize("value", ["yes", "1", "True"])
def test_boolean_filters_take_true_or_false(anonymous_client, value):
    response = anonymous_client.get("/api/v1/municipalities/", {"has_profile": value})
    assert response.status_code == 400
    assert list(response.json()) == ["has_profile"]


def test_the_schema_lets_anonymous_clients_read_and_only_credentials_write():
    schema = api_schema()
    for path, item in schema["paths"].items():
        for method, operation in item.items():
            anonymous = {} in operation["security"]
            assert anonymous == (method == "get"), (method, path)


def test_request_bodies_refuse_fields_the_schema_does_not_name():
    schema = api_schema()
    bodies = {
        operation["requestBody"]["content"]["application/json"]["schema"]["$ref"]
        for item in schema["paths"].values()
        for operation in item.values()
        if "requestBody" in operation
    }
    assert len(bodies) == 10
    for reference in bodies:
        component = schema["components"]["schemas"][reference.rpartition("/")[2]]
        assert component["additionalProperties"] is False, reference
    for item in schema["paths"].values():
        for operation in item.values():
            if "requestBody" in operation:
                assert list(operation["requestBody"]["content"]) == ["application/json"]


def test_the_schema_states_the_text_rules_the_server_applies():
    """NUL characters are refused everywhere (PostgreSQL cannot store them); a required text
    of the body is more than spaces (the serializers trim them)."""
    schema = api_schema()
    title = schema["components"]["schemas"]["EventRequest"]["properties"]["title"]["pattern"]
    assert re.fullmatch(title, "Workshop")
    assert not re.fullmatch(title, "\u000b ")
    assert not re.fullmatch(title, "Work\u0000shop")
    (search,) = (
        parameter["schema"]["pattern"]
        for parameter in schema["paths"]["/api/v1/events/"]["get"]["parameters"]
        if parameter["name"] == "q"
    )
    assert re.fullmatch(search, " ")
    assert not re.fullmatch(search, "a\u0000")


def test_modified_since_is_documented_where_it_filters():
    paths = api_schema()["paths"]

    def parameters(path):
        return {parameter["name"] for parameter in paths[path]["get"].get("parameters", [])}

    assert "modified_since" in parameters("/api/v1/events/")
    for path in ("/api/v1/themes/", "/api/v1/events/geojson/", "/api/v1/projects/geojson/"):
        assert "modified_since" not in parameters(path), path


def test_every_refusal_is_documented_where_it_can_happen():
    for path, item in api_schema()["paths"].items():
        for method, operation in item.items():
            responses = set(operation["responses"])
            assert {"400", "401", "404", "406", "429"} <= responses, (method, path)
            if method != "get":
                assert {"403", "409"} <= responses, (method, path)
            if "requestBody" in operation:
                assert "415" in responses, (method, path)


@pytest.mark.parametrize(
    ("path", "parameter"),
    [
        ("/api/v1/projects/{key}/", "key"),
        ("/api/v1/events/{slug}/", "slug"),
        ("/api/v1/municipalities/{ags}/", "ags"),
    ],
)
def test_an_object_key_in_a_path_cannot_name_the_geojson_list(path, parameter):
    """``…/geojson/`` is the list as GeoJSON: as a key it would reach that list (a
    FeatureCollection for GET, 405 for DELETE), so the schema's key pattern excludes it."""
    item = api_schema()["paths"][path]
    for operation in item.values():
        (schema,) = (p["schema"] for p in operation["parameters"] if p["name"] == parameter)
        assert not re.fullmatch(schema["pattern"], "geojson")
        assert re.fullmatch(schema["pattern"], "05513000")


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
