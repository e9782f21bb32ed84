"""Every endpoint of the URL configuration, pages and API, as concrete requests.

Pages come from Django's resolvers; API operations from the ninja API's OpenAPI schema, checked
against the API's URL patterns so that no operation escapes it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from django.urls import URLPattern, URLResolver, get_resolver

from airlock.zones import zone_of_path

API_NAMESPACE = "api"
# URL patterns under /api/ that are not operations of the schema.
API_NON_OPERATIONS = {"api:openapi-json", "api:api-root", "api/"}
HTTP_METHODS = ("get", "post", "put", "patch", "delete")


@dataclass(frozen=True)
class Endpoint:
    key: str  # a page's URL name ("inside:upload") or an API operation ("POST /api/inside/...")
    route: str  # with {placeholders}
    methods: tuple[str, ...]
    api: bool

    @property
    def zone(self) -> str | None:
        return zone_of_path("/" + self.route.lstrip("/"))

    def path(self, ids: dict) -> str:
        zone = self.zone

        def value(match: re.Match) -> str:
            name = match.group(1)
            if name == "file_id":
                return str(ids["inside_file_id" if zone == "inside" else "released_file_id"])
            return str(ids[name])

        return "/" + re.sub(r"\{(\w+)\}", value, self.route).lstrip("/")


def _walk(resolver, prefix: str = "", namespace: str | None = None):
    for pattern in resolver.url_patterns:
        if isinstance(pattern, URLResolver):
            ns = namespace
            if pattern.namespace:
                ns = f"{namespace}:{pattern.namespace}" if namespace else pattern.namespace
            yield from _walk(pattern, prefix + str(pattern.pattern), ns)
        elif isinstance(pattern, URLPattern):
            route = prefix + str(pattern.pattern)
            name = f"{namespace}:{pattern.name}" if namespace and pattern.name else pattern.name
            yield route, name, namespace


def _route(django_route: str) -> str:
    return re.sub(r"<(?:\w+:)?(\w+)>", r"{\1}", django_route).replace("^", "").replace("$", "")


def page_endpoints() -> list[Endpoint]:
    endpoints = []
    for route, name, namespace in _walk(get_resolver()):
        if namespace == API_NAMESPACE and (name or route) not in API_NON_OPERATIONS:
            continue  # an API operation: api_endpoints() has it, with its method
        endpoints.append(
            Endpoint(key=name or route, route=_route(route), methods=("get", "post"), api=False)
        )
    return endpoints


def api_endpoints() -> list[Endpoint]:
    from airlock.api.urls import api

    schema = api.get_openapi_schema()
    endpoints = []
    for path, operations in schema["paths"].items():
        for method in operations:
            if method in HTTP_METHODS:
                endpoints.append(
                    Endpoint(
                        key=f"{method.upper()} {path}", route=path, methods=(method,), api=True
                    )
                )
    return endpoints


def api_patterns_missing_from_schema() -> list[str]:
    """API URL patterns that are neither a schema operation nor a known non-operation."""
    from airlock.api.urls import api

    schema = api.get_openapi_schema()
    operation_ids = {
        op.get("operationId", "")
        for operations in schema["paths"].values()
        for op in operations.values()
        if isinstance(op, dict)
    }
    missing = []
    for route, name, namespace in _walk(get_resolver()):
        if namespace != API_NAMESPACE:
            continue
        if (name or route) in API_NON_OPERATIONS:
            continue
        short = (name or "").split(":")[-1]
        if not any(op_id == short or op_id.endswith("_" + short) for op_id in operation_ids):
            missing.append(name or route)
    return missing
