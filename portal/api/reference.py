"""The API reference page (/api/v1/docs/): the OpenAPI schema turned into plain HTML.

The page shows the same schema drf-spectacular serves at /api/v1/schema/, in its English
form (``?lang=en``): the schema's texts are the API's own documentation, written in English
in the code, so the page marks them ``lang="en"`` and only its own headings and labels follow
the visitor's language. Generating the schema takes about half a second and touches no
database, so it is built once per process and kept; the page then renders from memory.
"""

import secrets
from dataclasses import dataclass, replace
from functools import cache
from http import HTTPStatus

from django.utils import translation
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext_lazy as _
from drf_spectacular.generators import SchemaGenerator

from portal.markdown import render_markdown

SCHEMA_LANGUAGE = "en"
# Part of the key of the rendered page in the cache: this process's rendering only, so that
# a new release (new processes) never serves a page rendered by the old code.
RENDER_KEY = secrets.token_hex(8)
METHODS = ("get", "post", "put", "patch", "delete")
WRITE_METHODS = {"post", "put", "patch", "delete"}
REF_PREFIX = "#/components/schemas/"

# What an operation does, from the action at the end of its operationId (drf-spectacular
# names operations ``<resource>_<action>``); the page's own words, so translated.
ACTION_SUMMARIES = {
    "list": _("Liste abrufen"),
    "create": _("Objekt anlegen"),
    "retrieve": _("Einzelnes Objekt abrufen"),
    "update": _("Objekt ersetzen"),
    "partial_update": _("Objekt teilweise ändern"),
    "destroy": _("Objekt löschen"),
    "geojson_retrieve": _("Liste als GeoJSON abrufen"),
}
# Values for the path parameters of the curl examples, taken from the parameters'
# descriptions (Gelsenkirchen's AGS, the code of North Rhine-Westphalia).
PATH_EXAMPLES = {"ags": "05513000", "code": "05", "id": "1", "key": "1"}


@dataclass(frozen=True)
class Parameter:
    name: str
    location: str
    type: SafeString
    required: bool
    description: SafeString
    values: tuple[str, ...]


@dataclass(frozen=True)
class Response:
    status: str
    description: str
    schema: SafeString


@dataclass(frozen=True)
class RequestBody:
    schema: SafeString
    content_types: tuple[str, ...]
    required: bool


@dataclass(frozen=True)
class Operation:
    method: str
    path: str
    anchor: str
    action_summary: str | None
    summary: str
    description: SafeString
    parameters: tuple[Parameter, ...]
    request_body: RequestBody | None
    responses: tuple[Response, ...]
    write_scope: str | None
    curl_method: str
    curl_path: str
    curl_options: tuple[str, ...]


@dataclass(frozen=True)
class Resource:
    """The operations of one tag (one resource of the router, e.g. ``projects``)."""

    name: str
    anchor: str
    description: SafeString
    operations: tuple[Operation, ...]


@dataclass(frozen=True)
class Field:
    name: str
    type: SafeString
    read_only: bool
    required: bool
    description: SafeString
    values: tuple[str, ...]


@dataclass(frozen=True)
class Component:
    """A schema of ``components.schemas``: an object with fields, or a set of values."""

    name: str
    anchor: str
    description: SafeString
    fields: tuple[Field, ...]
    values: tuple[str, ...]


@dataclass(frozen=True)
class Reference:
    title: str
    version: str
    description: SafeString
    resources: tuple[Resource, ...]
    components: tuple[Component, ...]


@cache
def api_schema() -> dict:
    """The public OpenAPI schema in its English form, as /api/v1/schema/?lang=en serves it."""
    with translation.override(SCHEMA_LANGUAGE):
        return SchemaGenerator().get_schema(request=None, public=True)


@cache
def api_reference() -> Reference:
    """The reference page's content, built once per process from :func:`api_schema`."""
    with translation.override(SCHEMA_LANGUAGE):
        return build_reference(api_schema(), write_scopes=write_scopes_by_resource())


def clear_cache() -> None:
    api_schema.cache_clear()
    api_reference.cache_clear()


def write_scopes_by_resource() -> dict[str, str]:
    """Resource name in the API → the token scope that writes it (``write:app.model``)."""
    from portal.api.urls import router

    scopes = {}
    for prefix, viewset, _basename in router.registry:
        queryset = getattr(viewset, "queryset", None)
        if queryset is not None:
            scopes[prefix] = f"write:{queryset.model._meta.label_lower}"
    return scopes


def build_reference(schema: dict, *, write_scopes: dict[str, str]) -> Reference:
    info = schema.get("info", {})
    by_tag: dict[str, list[Operation]] = {}
    descriptions: dict[str, list[str]] = {}
    for path, item in schema.get("paths", {}).items():
        for method in METHODS:
            operation = item.get(method)
            if operation is None:
                continue
            tag = (operation.get("tags") or ["api"])[0]
            by_tag.setdefault(tag, []).append(
                _operation(path, method, operation, item, write_scopes=write_scopes)
            )
            descriptions.setdefault(tag, []).append(operation.get("description", ""))
    resources = []
    for tag in sorted(by_tag):
        # drf-spectacular repeats a viewset's docstring on each of its operations: shown
        # once for the resource when all operations share it.
        shared = set(descriptions[tag])
        operations = by_tag[tag]
        if len(shared) == 1:
            resource_description = render_markdown(shared.pop())
            operations = [replace(operation, description=mark_safe("")) for operation in operations]
        else:
            resource_description = mark_safe("")
        resources.append(
            Resource(
                name=tag,
                anchor=f"resource-{tag}",
                description=resource_description,
                operations=tuple(operations),
            )
        )
    components = tuple(
        _component(name, component)
        for name, component in sorted(schema.get("components", {}).get("schemas", {}).items())
    )
    return Reference(
        title=info.get("title", ""),
        version=info.get("version", ""),
        description=render_markdown(info.get("description", "")),
        resources=tuple(resources),
        components=components,
    )


def _operation(path, method, operation, path_item, *, write_scopes) -> Operation:
    operation_id = operation.get("operationId", f"{method}_{path}")
    tag = (operation.get("tags") or [""])[0]
    parameters = [*path_item.get("parameters", []), *operation.get("parameters", [])]
    body = operation.get("requestBody")
    return Operation(
        method=method,
        path=path,
        anchor=f"operation-{operation_id}",
        action_summary=_action_summary(operation_id, tag),
        summary=operation.get("summary", ""),
        description=render_markdown(operation.get("description", "")),
        parameters=tuple(_parameter(parameter) for parameter in parameters),
        request_body=_request_body(body) if body else None,
        responses=tuple(
            _response(status, response)
            for status, response in sorted(operation.get("responses", {}).items())
        ),
        write_scope=write_scopes.get(tag) if method in WRITE_METHODS else None,
        curl_method=method.upper(),
        curl_path=_example_path(path, parameters),
        curl_options=_curl_options(method, body),
    )


def _action_summary(operation_id: str, tag: str):
    action = operation_id.removeprefix(tag.replace("-", "_") + "_")
    return ACTION_SUMMARIES.get(action)


def _parameter(parameter: dict) -> Parameter:
    schema = parameter.get("schema", {})
    return Parameter(
        name=parameter["name"],
        location=parameter.get("in", ""),
        type=type_html(schema),
        required=bool(parameter.get("required")),
        description=render_markdown(parameter.get("description", "")),
        values=_values(schema, parameter.get("description", "")),
    )


def _values(schema: dict, description: str) -> tuple[str, ...]:
    """Allowed values that the description does not already list (drf-spectacular writes
    ``* `value` - label`` lines for choices, which the Markdown shows with their labels)."""
    items = schema.get("items")
    values = schema.get("enum") or (items.get("enum") if isinstance(items, dict) else None) or ()
    return tuple(
        _value_text(value)
        for value in values
        if value in {"", None} or f"`{value}`" not in description
    )


def _value_text(value) -> str:
    if value is None:
        return "null"
    return '""' if value == "" else str(value)


def _request_body(body: dict) -> RequestBody:
    content = body.get("content", {})
    media = content.get("application/json") or next(iter(content.values()), {})
    return RequestBody(
        schema=type_html(media.get("schema", {})),
        content_types=tuple(content),
        required=bool(body.get("required")),
    )


def _response(status: str, response: dict) -> Response:
    content = response.get("content", {})
    media = content.get("application/json") or next(iter(content.values()), {})
    description = response.get("description") or _status_phrase(status)
    return Response(
        status=status,
        description=description,
        schema=type_html(media["schema"]) if media.get("schema") else mark_safe(""),
    )


def _status_phrase(status: str) -> str:
    try:
        return HTTPStatus(int(status)).phrase
    except ValueError:
        return ""


def _example_path(path: str, parameters: list[dict]) -> str:
    for parameter in parameters:
        if parameter.get("in") == "path":
            name = parameter["name"]
            path = path.replace("{" + name + "}", PATH_EXAMPLES.get(name, name.upper()))
    return path


def _curl_options(method: str, body: dict | None) -> tuple[str, ...]:
    if method not in WRITE_METHODS:
        return ()
    options = ['-H "Authorization: Bearer $API_TOKEN"']
    if body:
        options += ['-H "Content-Type: application/json"', "--data @body.json"]
    return tuple(options)


def _component(name: str, component: dict) -> Component:
    required = set(component.get("required", []))
    fields = tuple(
        Field(
            name=field_name,
            type=type_html(field),
            read_only=bool(field.get("readOnly")),
            required=field_name in required,
            description=_field_description(field),
            values=_values(field, field.get("description", "")),
        )
        for field_name, field in component.get("properties", {}).items()
    )
    return Component(
        name=name,
        anchor=f"schema-{name}",
        description=render_markdown(component.get("description", "")),
        fields=fields,
        values=_values(component, component.get("description", "")),
    )


def _field_description(field: dict) -> SafeString:
    """The field's title (the model field's name) and its help text."""
    title = field.get("title", "")
    description = field.get("description", "")
    if isinstance(field.get("items"), dict) and not description:
        description = field["items"].get("description", "")
    text = f"{title}. {description}" if title and description else title or description
    return render_markdown(text)


def type_html(schema: dict) -> SafeString:
    """A compact type notation: ``string (date)``, ``array[Theme]``, ``A | B``, ``| null``;
    component schemas are links to their field tables."""
    if not schema:
        return mark_safe("")
    if "$ref" in schema:
        name = schema["$ref"].removeprefix(REF_PREFIX)
        return format_html('<a href="#schema-{}">{}</a>', name, name)
    for combinator in ("allOf", "oneOf", "anyOf"):
        if combinator in schema:
            parts = ((type_html(part),) for part in schema[combinator])
            html = format_html_join(" | ", "{}", parts)
            return _nullable(html, schema)
    kind = schema.get("type", "")
    if kind == "array":
        html = format_html("array[{}]", type_html(schema.get("items", {})))
    elif kind == "object" and isinstance(schema.get("additionalProperties"), dict):
        html = format_html("object{{string: {}}}", type_html(schema["additionalProperties"]))
    elif schema.get("format"):
        html = format_html("{} ({})", kind, schema["format"])
    else:
        html = format_html("{}", kind or "any")
    return _nullable(html, schema)


def _nullable(html: SafeString, schema: dict) -> SafeString:
    return format_html("{} | null", html) if schema.get("nullable") else html
