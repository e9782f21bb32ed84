from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from airlock.navigation import landing_url, nav_links_for


@login_required
def home(request: HttpRequest) -> HttpResponse:
    """Send each person to the one place they work in; offer a choice where there are several.

    Only places the person may use are offered (airlock.navigation), so a service
    administrator who is not a reviewer lands on service administration, not on a refusal.
    """
    url = landing_url(request)
    if url is not None:
        return redirect(url)
    return render(request, "home.html", {"places": nav_links_for(request)})
