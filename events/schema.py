"""OpenAPI additions: the one error shape, on every operation that can answer with it."""

from drf_spectacular import openapi
from rest_framework.permissions import SAFE_METHODS, DjangoModelPermissionsOrAnonReadOnly

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
    "415": "The body is not in a format this takes: send JSON.",
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


# Text exports are documented as text: the serializer's schema describes the JSON only.
TEXT_FORMATS = {
    "text/csv": "CSV, one row per event, with a header row.",
    "text/calendar": "An iCalendar (RFC 5545) calendar, one VEVENT per event.",
}


def described(schema: dict, description: str) -> dict:
    return {**schema, "description": description}


TIMELINEJS_DATE = {
    "type": "object",
    "required": ["year"],
    "properties": {
        "year": {"type": "integer", "description": "The year."},
        "month": {"type": "integer", "minimum": 1, "maximum": 12, "description": "If known."},
        "day": {"type": "integer", "minimum": 1, "maximum": 31, "description": "If known."},
    },
}
TIMELINEJS_TEXT = {
    "type": "object",
    "required": ["headline", "text"],
    "properties": {
        "headline": {"type": "string", "description": "The title, as HTML."},
        "text": {"type": "string", "description": "The summary and the quotes, as HTML."},
    },
}
TIMELINEJS = {
    "type": "object",
    "description": "TimelineJS 3 JSON (?format=timelinejs).",
    "required": ["title", "events"],
    "properties": {
        "title": {
            "type": "object",
            "description": "The title slide.",
            "properties": {"text": described(TIMELINEJS_TEXT, "Its headline and text.")},
        },
        "events": {
            "type": "array",
            "description": "One slide per event, in date order.",
            "items": {
                "type": "object",
                "required": ["unique_id", "start_date", "display_date", "text", "group"],
                "properties": {
                    "unique_id": {"type": "string", "description": "The event's slug."},
                    "start_date": described(TIMELINEJS_DATE, "Only the parts that are known."),
                    "end_date": described(TIMELINEJS_DATE, "For a span: its last part."),
                    "display_date": {"type": "string", "description": "The date for people."},
                    "text": described(TIMELINEJS_TEXT, "The slide's headline and text."),
                    "group": {"type": "string", "description": "The event type."},
                },
            },
        },
    },
}


def add_error_responses(result, generator, request, public):
    """Document the error shape on every operation, the export formats and `format`."""
    schemas = result.setdefault("components", {}).setdefault("schemas", {})
    schemas["Error"] = ERROR
    schemas["TimelineJS"] = TIMELINEJS
    for path, operations in result.get("paths", {}).items():
        for method, operation in operations.items():
            for status in _statuses(path, method):
                operation["responses"].setdefault(status, _response(status))
            _document_formats(operation)
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
    if method in ("post", "put", "patch"):
        statuses.append("415")
    if method in ("put", "patch", "delete"):
        statuses += ["412", "428"]
    if method == "delete":
        statuses.append("409")
    return statuses


def _document_formats(operation: dict) -> None:
    content = operation["responses"].get("200", {}).get("content", {})
    for media_type, description in TEXT_FORMATS.items():
        if media_type in content:
            content[media_type] = {"schema": {"type": "string", "description": description}}
    offered = next((p for p in operation.get("parameters", []) if p["name"] == "format"), None)
    if offered and "timelinejs" in offered.get("schema", {}).get("enum", []):
        json_schema = content["application/json"]["schema"]
        content["application/json"]["schema"] = {
            "oneOf": [json_schema, {"$ref": "#/components/schemas/TimelineJS"}]
        }


def _response(status: str) -> dict:
    return {
        "description": STATUS_TEXT[status],
        "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}},
    }


class AutoSchema(openapi.AutoSchema):
    """drf-spectacular's, also telling that reads and token requests need no credentials."""

    def get_auth(self):
        auths = super().get_auth()
        permissions = [type(permission) for permission in self.view.get_permissions()]
        anonymous_reads = DjangoModelPermissionsOrAnonReadOnly in permissions
        if {} not in auths and (
            not permissions or (anonymous_reads and self.method in SAFE_METHODS)
        ):
            auths.append({})
        return auths

    def _get_filter_parameters(self):
        # django-filter ignores an empty value (as a submitted form leaves it), so "" is
        # valid for every filter: say so where the schema would otherwise refuse it.
        parameters = super()._get_filter_parameters()
        for parameter in parameters:
            schema = parameter["schema"]
            if schema.get("type") == "array":
                schema["items"] = allowing_empty(schema["items"])
            else:
                parameter["schema"] = allowing_empty(schema)
        return parameters


def allowing_empty(schema: dict) -> dict:
    if "enum" in schema:
        return {**schema, "enum": ["", *schema["enum"]]}
    if "format" in schema or "pattern" in schema:
        description = schema.pop("description", None)
        allowing = {"anyOf": [schema, {"type": "string", "maxLength": 0}]}
        return {**allowing, "description": description} if description else allowing
    return schema
