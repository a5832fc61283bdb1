"""OpenAPI additions: the one error shape, on every operation that can answer with it."""

ERROR = {
    "type": "object",
    "description": "Every error has this shape.",
    "required": ["status", "code", "message", "errors"],
    "properties": {
        "status": {"type": "integer", "description": "The HTTP status code."},
        "code": {
            "type": "string",
            "description": "What went wrong, for programs: invalid, not_found, "
            "not_authenticated, permission_denied, precondition_required, "
            "precondition_failed, conflict, throttled, method_not_allowed, ...",
        },
        "message": {"type": "string", "description": "What went wrong, for people."},
        "errors": {
            "type": "object",
            "description": "Messages by parameter or field name (nested fields as "
            "citations.0.quote; '' for the request as a whole); empty when no field is at fault.",
            "additionalProperties": {"type": "array", "items": {"type": "string"}},
        },
    },
}

STATUS_TEXT = {
    "400": "A parameter or field is invalid; `errors` names it.",
    "401": "Not signed in (writes need a session or a token).",
    "403": "Signed in without the permission this needs.",
    "404": "No such record (or not one you may see).",
    "409": "The record is still referred to by others.",
    "412": "The record changed since the ETag in If-Match was read.",
    "428": "If-Match is missing: send the ETag you read.",
    "429": "Too many requests; Retry-After says when to try again.",
}


PATH_PARAMETERS = {
    "id": "The record's numeric id.",
    "slug": "The record's slug; an actor can also be named by its numeric id.",
}
FORMATS = {
    "json": "JSON (the default)",
    "api": "the browsable API, as HTML",
    "csv": "CSV of every matching event, unpaged",
    "ics": "iCalendar of every matching event, unpaged",
    "timelinejs": "TimelineJS 3 JSON",
}


def add_error_responses(result, generator, request, public):
    """Document the error shape on every operation, and the `format` parameter."""
    result.setdefault("components", {}).setdefault("schemas", {})["Error"] = ERROR
    for path, operations in result.get("paths", {}).items():
        for method, operation in operations.items():
            for status in _statuses(path, method):
                operation["responses"].setdefault(status, _response(status))
            for parameter in operation.get("parameters", []):
                if parameter["in"] == "path" and not parameter.get("description"):
                    described = parameter["schema"].pop("description", "")
                    parameter["description"] = described or PATH_PARAMETERS[parameter["name"]]
                if parameter["name"] == "format" and not parameter.get("description"):
                    offered = parameter.get("schema", {}).get("enum", [])
                    choices = "; ".join(f"{name}: {FORMATS[name]}" for name in offered)
                    parameter["description"] = f"Response format ({choices})."
    return result


def _statuses(path: str, method: str) -> list[str]:
    statuses = ["400", "429"]
    if "{" in path:
        statuses.append("404")
    if method in ("post", "put", "patch", "delete"):
        statuses += ["401", "403"]
    if method in ("put", "patch", "delete"):
        statuses += ["412", "428"]
    if method == "delete":
        statuses.append("409")
    return statuses


def _response(status: str) -> dict:
    return {
        "description": STATUS_TEXT[status],
        "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}},
    }
