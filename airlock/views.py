from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from airlock.accounts.roles import user_is_reviewer


@login_required
def home(request: HttpRequest) -> HttpResponse:
    """Send each person to the zone they work in; offer a choice where there are several."""
    zones = [z for z in settings.AIRLOCK_ZONES if z != "review" or user_is_reviewer(request.user)]
    if len(zones) == 1:
        return redirect(f"{zones[0]}:index")
    return render(request, "home.html", {"zones": zones})
