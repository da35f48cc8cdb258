"""Checking answers of the API against its own OpenAPI schema, as a client generated from the
schema would read them."""

import copy
from functools import cache
from urllib.parse import urlsplit

from drf_spectacular.generators import SchemaGenerator
from openapi_schema_validator import OAS30Validator, oas30_format_checker

FORMATS = copy.deepcopy(oas30_format_checker)


@FORMATS.checks("uri")
def _is_uri(value) -> bool:
    # A URI has a scheme (RFC 3986); "" is none.
    return not isinstance(value, str) or bool(urlsplit(value).scheme)


@cache
def api_schema() -> dict:
    return SchemaGenerator().get_schema(request=None, public=True)


def schema_errors(response, path: str, method: str = "get") -> list[str]:
    """What in a test client's ``response`` to ``method path`` (the path as the schema
    writes it, e.g. ``/api/v1/events/{slug}/``) contradicts the schema: an undocumented
    status, or a body that its schema does not allow."""
    schema = api_schema()
    responses = schema["paths"][path][method]["responses"]
    status = str(response.status_code)
    if status not in responses:
        return [f"status {status} is not documented"]
    content = responses[status].get("content", {})
    if not content:
        return []
    body_schema = {**content["application/json"]["schema"], "components": schema["components"]}
    validator = OAS30Validator(body_schema, format_checker=FORMATS)
    return [
        f"{'/'.join(map(str, error.absolute_path))}: {error.message}"
        for error in validator.iter_errors(response.json())
    ]
