"""The site header's links: each person sees the places this process serves that they may use.

A template context processor (settings.TEMPLATES), so every page has the same header: where to
work (transfer out, My overview, the control queue) and, for those who hold the role, project
and service administration. ``landing_url`` is where the start page sends a person who has one
place to go, so nobody lands on a page they may not see.
"""

from dataclasses import dataclass

from django.conf import settings
from django.http import HttpRequest
from django.urls import reverse
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from airlock.accounts.roles import (
    user_is_reviewer,
    user_is_service_administrator,
)
from airlock.projects.selectors import project_list_administered_by


@dataclass(frozen=True)
class NavLink:
    label: str | Promise
    url: str

    def is_current(self, path: str) -> bool:
        return path == self.url or (self.url != "/" and path.startswith(self.url))


def nav_links_for(request: HttpRequest) -> list[NavLink]:
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return []
    zones = settings.AIRLOCK_ZONES
    links: list[NavLink] = []
    if "inside" in zones:
        links.append(NavLink(_("Transfer files"), reverse("inside:index")))
    if "portal" in zones:
        links.append(NavLink(_("My overview"), reverse("portal:index")))
    if "review" in zones and user_is_reviewer(user):
        links.append(NavLink(_("Control queue"), reverse("review:index")))
    if "portal" in zones and project_list_administered_by(user=user):
        links.append(NavLink(_("Project administration"), reverse("project_admin:index")))
    if "review" in zones and user_is_service_administrator(user):
        links.append(NavLink(_("Service administration"), reverse("service_admin:index")))
    return links


def landing_url(request: HttpRequest) -> str | None:
    """The one place a signed-in person can go, or None when they have a choice (or none)."""
    links = nav_links_for(request)
    return links[0].url if len(links) == 1 else None


def navigation(request: HttpRequest) -> dict:
    links = nav_links_for(request)
    path = request.path
    # The longest match: /portal/administration/ is Project administration, not My overview.
    matching = [link for link in links if link.is_current(path)]
    current = max(matching, key=lambda link: len(link.url)) if matching else None
    return {"nav_links": links, "nav_current": current.url if current else None}
