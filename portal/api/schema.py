"""OpenAPI post-processing: the error responses every operation can give, documented once."""

ERROR_SCHEMA = {
    "type": "object",
    "properties": {"detail": {"type": "string"}},
    "required": ["detail"],
    "example": {"detail": "Token unbekannt, abgelaufen oder widerrufen."},
}
VALIDATION_ERROR_SCHEMA = {
    "type": "object",
    "description": "Field name → list of messages; `non_field_errors` for the object as a whole.",
    "additionalProperties": {"type": "array", "items": {"type": "string"}},
    "example": {"modified_since": ["Zeitpunkt im Format ISO 8601 erwartet."]},
}
WRITE_METHODS = {"post", "put", "patch", "delete"}
METHODS = WRITE_METHODS | {"get", "head"}


def _response(description: str, schema: str) -> dict:
    return {
        "description": description,
        "content": {"application/json": {"schema": {"$ref": f"#/components/schemas/{schema}"}}},
    }


def add_error_responses(result, generator, request, public):
    schemas = result.setdefault("components", {}).setdefault("schemas", {})
    schemas.setdefault("Error", ERROR_SCHEMA)
    schemas.setdefault("ValidationError", VALIDATION_ERROR_SCHEMA)
    for path, item in result.get("paths", {}).items():
        for method, operation in item.items():
            if method not in METHODS:
                continue
            responses = operation.setdefault("responses", {})
            has_parameters = any(p.get("in") == "query" for p in operation.get("parameters", []))
            if method in WRITE_METHODS - {"delete"} or has_parameters:
                invalid = _response("Invalid input; the body names each field.", "ValidationError")
                if method in WRITE_METHODS:
                    # A body that is not JSON at all gets {"detail": …} before any field check.
                    invalid["content"]["application/json"]["schema"] = {
                        "anyOf": [
                            {"$ref": "#/components/schemas/ValidationError"},
                            {"$ref": "#/components/schemas/Error"},
                        ]
                    }
                responses.setdefault("400", invalid)
            responses.setdefault("401", _response("Token unknown, expired or revoked.", "Error"))
            if method in WRITE_METHODS:
                responses.setdefault(
                    "403", _response("The token or account lacks the write scope.", "Error")
                )
            if "{" in path:
                responses.setdefault(
                    "404",
                    _response("No such object, or not visible to the caller.", "Error"),
                )
            too_many = _response("Rate limit exceeded; retry after the given seconds.", "Error")
            too_many["headers"] = {
                "Retry-After": {"schema": {"type": "integer"}, "description": "Seconds to wait."}
            }
            responses.setdefault("429", too_many)
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
