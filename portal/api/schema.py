"""OpenAPI post-processing: what holds for every operation, stated once — the error
responses, anonymous reading, and closed request bodies."""

ERROR_SCHEMA = {
    "type": "object",
    "properties": {"detail": {"type": "string"}},
    "required": ["detail"],
    "example": {"detail": "Token unbekannt, abgelaufen oder widerrufen."},
}
VALIDATION_ERROR_SCHEMA = {
    "type": "object",
    "description": "Field or parameter name → list of messages; `non_field_errors` for the "
    "object as a whole.",
    "additionalProperties": {"type": "array", "items": {"type": "string"}},
    "example": {"modified_since": ["Zeitpunkt nach RFC 3339 erwartet."]},
}
WRITE_METHODS = {"post", "put", "patch", "delete"}
METHODS = WRITE_METHODS | {"get", "head"}
READ_METHODS = METHODS - WRITE_METHODS
EITHER_ERROR = {
    "anyOf": [
        {"$ref": "#/components/schemas/ValidationError"},
        {"$ref": "#/components/schemas/Error"},
    ]
}


def _response(description: str, schema: str | dict) -> dict:
    if isinstance(schema, str):
        schema = {"$ref": f"#/components/schemas/{schema}"}
    return {"description": description, "content": {"application/json": {"schema": schema}}}


def _not_found(path: str, method: str, operation: dict) -> dict:
    if "{" in path:
        return _response("No such object, or not visible to the caller.", "Error")
    if method in READ_METHODS and operation.get("parameters"):
        return _response(
            "A page past the last, or a filter naming an object that does not exist or is "
            "not visible to the caller (the body names the parameter).",
            EITHER_ERROR,
        )
    return _response("Not found.", "Error")


def add_error_responses(result, generator, request, public):
    """Every refusal the API gives, on every operation that can give it."""
    schemas = result.setdefault("components", {}).setdefault("schemas", {})
    schemas.setdefault("Error", ERROR_SCHEMA)
    schemas.setdefault("ValidationError", VALIDATION_ERROR_SCHEMA)
    for path, item in result.get("paths", {}).items():
        for method, operation in item.items():
            if method not in METHODS:
                continue
            responses = operation.setdefault("responses", {})
            responses.setdefault(
                "400",
                _response(
                    "Invalid input: the request does not match this schema (a query "
                    "parameter, a field, an unknown or read-only field, a body that is not "
                    "JSON); the body names each one. A request the server cannot read at "
                    "all (more than 1000 parameters) gets `detail`.",
                    EITHER_ERROR,
                ),
            )
            responses.setdefault("401", _response("Token unknown, expired or revoked.", "Error"))
            # A refusal an operation declares by its description only gets the error body.
            refusal = responses.get("403")
            if refusal is not None and "content" not in refusal:
                responses["403"] = _response(refusal["description"], "Error")
            if method in WRITE_METHODS:
                responses.setdefault(
                    "403", _response("The token or account lacks the write scope.", "Error")
                )
            responses.setdefault("404", _not_found(path, method, operation))
            responses.setdefault(
                "406",
                _response("The Accept header names no format this operation serves.", "Error"),
            )
            if method in WRITE_METHODS:
                responses.setdefault(
                    "409",
                    _response(
                        "The request matches the schema but the data refuses it: a key already "
                        "taken, a referenced object that does not exist, a rule across fields "
                        "(each named with its messages) — or, for a delete, other objects "
                        "still refer to this one (`detail` names them).",
                        EITHER_ERROR,
                    ),
                )
            if "requestBody" in operation:
                responses.setdefault(
                    "415", _response("The body is not sent as application/json.", "Error")
                )
            too_many = _response("Rate limit exceeded; retry after the given seconds.", "Error")
            too_many["headers"] = {
                "Retry-After": {"schema": {"type": "integer"}, "description": "Seconds to wait."}
            }
            responses.setdefault("429", too_many)
    return result


def allow_anonymous_reading(result, generator, request, public):
    """Reading needs no credentials (published content at a lower rate limit): every read
    operation accepts the empty security requirement besides a token or a session."""
    for item in result.get("paths", {}).values():
        for method, operation in item.items():
            if method in READ_METHODS:
                security = operation.setdefault("security", [])
                if {} not in security:
                    security.append({})
    return result


def close_request_bodies(result, generator, request, public):
    """A write may send only the fields of its request schema: the serializers refuse any
    other field (``PortalModelSerializer``), and the schema says so."""
    schemas = result.get("components", {}).get("schemas", {})
    for item in result.get("paths", {}).values():
        for method, operation in item.items():
            if method not in METHODS:
                continue
            for content in operation.get("requestBody", {}).get("content", {}).values():
                reference = content.get("schema", {}).get("$ref", "")
                name = reference.rpartition("/")[2]
                if name in schemas:
                    schemas[name]["additionalProperties"] = False
    return result


def answers_give_null_not_blank(result, generator, request, public):
    """Answers give null for a missing address or e-mail, never "" (only a request may send
    it for "none", ``EmptyAsNullMixin``): drop drf-spectacular's blank alternative from the
    answers' schemas (request schemas are named …Request)."""
    for name, schema in result.get("components", {}).get("schemas", {}).items():
        if name.endswith("Request"):
            continue
        for field in schema.get("properties", {}).values():
            branches = field.get("oneOf", [])
            if field.get("nullable") and any(branch.get("maxLength") == 0 for branch in branches):
                (kept,) = (branch for branch in branches if branch.get("maxLength") != 0)
                del field["oneOf"]
                field.update(kept)
    return result


NO_NUL_PATTERN = r"^[^\u0000]*$"
# DRF trims a text's spaces: a required text needs a character that is not a space.
SOME_TEXT_PATTERN = r"^[^\u0000]*[^\s\u0000][^\u0000]*$"


def _plain_text_rule(schema: dict, *, body: bool) -> None:
    if schema.get("type") == "array":
        _plain_text_rule(schema.get("items", {}), body=body)
    elif schema.get("type") == "string" and not {"enum", "format", "pattern"} & set(schema):
        required = body and schema.get("minLength", 0) >= 1
        schema["pattern"] = SOME_TEXT_PATTERN if required else NO_NUL_PATTERN


def state_text_rules(result, generator, request, public):
    """Text the API reads (query parameters, request fields) cannot hold the NUL character
    (PostgreSQL cannot store it; the forms and serializers refuse it), and a text a write
    requires is more than spaces (the serializers trim them)."""
    schemas = result.get("components", {}).get("schemas", {})
    for name, schema in schemas.items():
        if name.endswith("Request"):
            for field in schema.get("properties", {}).values():
                _plain_text_rule(field, body=True)
    for item in result.get("paths", {}).values():
        for method, operation in item.items():
            if method not in METHODS:
                continue
            for parameter in operation.get("parameters", []):
                if parameter.get("in") == "query":
                    _plain_text_rule(parameter.get("schema", {}), body=False)
    return result


# Parameters whose meaning is the same wherever they occur: path keys and the shared filters.
PARAMETER_DESCRIPTIONS = {
    ("path", "slug"): "The object's slug, its stable key in URLs.",
    ("path", "ags"): "Amtlicher Gemeindeschlüssel: 8 digits, e.g. 05513000 (Gelsenkirchen).",
    ("path", "code"): "Two-digit official code of the federal state, 01 to 16.",
    ("path", "key"): "The project's numeric id or its slug.",
    ("path", "id"): "The object's numeric id.",
    ("query", "state"): "Two-digit official code of a federal state, 01 to 16.",
    ("query", "theme"): "Slug of a Handlungsfeld (see /api/v1/themes/).",
    ("query", "applicant"): "Slug of an applicant type, e.g. kommune.",
    ("query", "format"): "json or yaml.",
    ("query", "lang"): "Language of the schema's texts.",
}


def describe_parameters(result, generator, request, public):
    """Give every parameter a description: the shared ones are described here once."""
    for item in result.get("paths", {}).values():
        for method, operation in item.items():
            if method not in METHODS:
                continue
            for parameter in operation.get("parameters", []):
                if not parameter.get("description"):
                    key = (parameter.get("in"), parameter.get("name"))
                    parameter["description"] = PARAMETER_DESCRIPTIONS.get(key, "")
    return result
