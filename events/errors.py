"""One JSON shape for every API error.

    {"status": 400, "code": "invalid", "message": "date_after: Enter a date ...",
     "errors": {"date_after": ["Enter a date ..."]}}

``errors`` names each parameter or field that is wrong (nested fields as
``citations.0.quote``); it is empty when the error is about the whole request.
"""

from collections import Counter

from django.conf import settings
from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.exceptions import RequestDataTooBig
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db.models import ProtectedError, RestrictedError
from django.http import Http404, JsonResponse
from django.views import csrf, defaults
from rest_framework import exceptions, status
from rest_framework.serializers import as_serializer_error
from rest_framework.views import exception_handler as drf_exception_handler


class Conflict(exceptions.APIException):
    status_code = status.HTTP_409_CONFLICT
    default_detail = "The request conflicts with the current state of the data."
    default_code = "conflict"


class PreconditionRequired(exceptions.APIException):
    status_code = status.HTTP_428_PRECONDITION_REQUIRED
    default_detail = "Send If-Match with the ETag of the version you are changing."
    default_code = "precondition_required"


class PreconditionFailed(exceptions.APIException):
    status_code = status.HTTP_412_PRECONDITION_FAILED
    default_detail = "Someone changed this since you read it; read it again and retry."
    default_code = "precondition_failed"


def exception_handler(exc, context):
    """DRF's handler, after turning model errors into API errors, with our body."""
    exc = _as_api_exception(exc, context.get("request"))
    response = drf_exception_handler(exc, context)
    if response is not None:
        response.data = error_body(response.status_code, exc)
    return response


def _as_api_exception(exc: Exception, request=None) -> Exception:
    if isinstance(exc, Http404):
        return exceptions.NotFound("There is no such record, or not one you may see.")
    if isinstance(exc, DjangoPermissionDenied):
        return exceptions.PermissionDenied()
    if isinstance(exc, DjangoValidationError):
        return exceptions.ValidationError(as_serializer_error(exc))
    if isinstance(exc, ProtectedError | RestrictedError):
        # Counted, not named: the records in the way may be drafts the caller cannot see.
        kinds = Counter(obj._meta.verbose_name_plural for obj in exc.protected_objects)
        used_by = ", ".join(f"{count} {kind}" for kind, count in sorted(kinds.items()))
        used_by = used_by.replace("1 citations", "1 citation").replace("1 events", "1 event")
        return Conflict(f"It is still referred to by {used_by}. Remove those references first.")
    if isinstance(exc, RequestDataTooBig):
        # Django refuses the body when DRF first reads it, with a SuspiciousOperation that
        # would otherwise escape the view as a bare 400 page.
        return exceptions.ParseError(too_large_message(request))
    if isinstance(exc, RecursionError):
        return exceptions.ParseError("The request is nested too deeply to read.")
    return exc


def too_large_message(request) -> str:
    size = int(request.META.get("CONTENT_LENGTH") or 0) if request is not None else 0
    return (
        f"The request body is {size:,} bytes, more than the "
        f"{settings.DATA_UPLOAD_MAX_MEMORY_SIZE:,} this server reads."
    )


def error_body(status_code: int, exc: exceptions.APIException) -> dict:
    if isinstance(exc, exceptions.ValidationError):
        fields = flatten(exc.detail)
        message = "; ".join(
            f"{name}: {' '.join(messages)}" if name else " ".join(messages)
            for name, messages in fields.items()
        )
        return body(status_code, "invalid", message, fields)
    code = exc.get_codes() if isinstance(exc.get_codes(), str) else exc.default_code
    return body(status_code, code, str(exc.detail), {})


def body(status_code: int, code: str, message: str, errors: dict) -> dict:
    return {"status": status_code, "code": code, "message": message, "errors": errors}


def flatten(detail, prefix: str = "") -> dict[str, list[str]]:
    """DRF's nested error detail as {"a.0.b": [messages]}."""
    if isinstance(detail, dict):
        items = detail.items()
    elif isinstance(detail, list) and any(isinstance(item, dict | list) for item in detail):
        items = ((str(index), item) for index, item in enumerate(detail))
    else:
        messages = detail if isinstance(detail, list) else [detail]
        return {prefix: [str(message) for message in messages]}
    fields = {}
    for name, value in items:
        name = "" if name == "non_field_errors" else str(name)
        path = ".".join(part for part in (prefix, name) if part)
        fields.update(flatten(value, path))
    return fields


# Django's own error views, for URLs no API view handles (/api/nonsense/).


def _is_api(request) -> bool:
    return request.path.startswith("/api/")


def page_not_found(request, exception=None):
    if _is_api(request):
        message = f"There is no API endpoint at {request.path}; see /api/ for the list."
        return JsonResponse(body(404, "not_found", message, {}), status=404)
    return defaults.page_not_found(request, exception)


def server_error(request):
    if _is_api(request):
        message = "The server failed to answer this request; the error has been logged."
        return JsonResponse(body(500, "server_error", message, {}), status=500)
    return defaults.server_error(request)


def csrf_failure(request, reason=""):
    """The CSRF check's refusal, as JSON under /api/ (DRF's views check it themselves)."""
    if _is_api(request):
        message = "The CSRF check failed: send the X-CSRFToken header with a session, or a token."
        return JsonResponse(body(403, "csrf_failed", message, {}), status=403)
    return csrf.csrf_failure(request, reason)


def bad_request(request, exception=None):
    if _is_api(request):
        return JsonResponse(body(400, "bad_request", "The request is malformed.", {}), status=400)
    return defaults.bad_request(request, exception)
