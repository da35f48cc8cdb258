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
