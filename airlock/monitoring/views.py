"""Probes and metrics. No sign-in and no session: load balancers and Prometheus call these."""

import hmac

from django.conf import settings
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from airlock.monitoring.health import readiness_report
from airlock.monitoring.metrics import metrics_text

PROMETHEUS_CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8"


@never_cache
@require_GET
def healthz(request: HttpRequest) -> HttpResponse:
    """Liveness: the process answers. Touches nothing else, so a database outage does not get
    every web process restarted."""
    return JsonResponse({"status": "ok"})


@never_cache
@require_GET
def readyz(request: HttpRequest) -> HttpResponse:
    """Readiness: 200 when the database, the broker and this process's stores answer; else 503
    naming what failed, so a load balancer stops sending users here."""
    checks = readiness_report()
    ready = all(result == "ok" for result in checks.values())
    return JsonResponse(
        {"status": "ready" if ready else "unavailable", "checks": checks},
        status=200 if ready else 503,
    )


def metrics_access_refusal(request: HttpRequest) -> HttpResponse | None:
    """With AIRLOCK_METRICS_TOKEN set, require ``Authorization: Bearer <token>``. Without it,
    metrics are open in development and refused in production (AIRLOCK_PRODUCTION)."""
    token = settings.AIRLOCK_METRICS_TOKEN
    if not token:
        if settings.PRODUCTION:
            return JsonResponse(
                {
                    "error": _("Metrics are off: set AIRLOCK_METRICS_TOKEN to turn them on."),
                    "detail": None,
                },
                status=403,
            )
        return None
    scheme, _sep, given = request.headers.get("Authorization", "").partition(" ")
    if scheme.lower() != "bearer" or not hmac.compare_digest(
        given.strip().encode(), token.encode()
    ):
        response = JsonResponse(
            {"error": _("Send the metrics token: 'Authorization: Bearer TOKEN'."), "detail": None},
            status=401,
        )
        response["WWW-Authenticate"] = 'Bearer realm="airlock-metrics"'
        return response
    return None


@never_cache
@require_GET
def metrics(request: HttpRequest) -> HttpResponse:
    refusal = metrics_access_refusal(request)
    if refusal is not None:
        return refusal
    return HttpResponse(metrics_text(), content_type=PROMETHEUS_CONTENT_TYPE)
