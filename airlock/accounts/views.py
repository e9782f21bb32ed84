"""Sign-in, the second factor and API tokens. Thin: the work is in services and second_factor."""

from urllib.parse import urlencode, urlsplit

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from airlock.accounts import second_factor
from airlock.accounts.forms import ApiTokenForm, CodeForm, ThrottledAuthenticationForm
from airlock.accounts.roles import user_may_use_zone
from airlock.accounts.selectors import (
    api_token_get_for_user,
    api_token_list_for_user,
    totp_device_confirmed,
)
from airlock.accounts.services import api_token_create, api_token_revoke
from airlock.security.requests import AuthenticatedHttpRequest
from airlock.security.zones import user_is_verified
from airlock.zones import served_zones_requiring_second_factor, zone_of_path


def _next_url(request: HttpRequest) -> str:
    candidate = request.POST.get("next") or request.GET.get("next") or ""
    if candidate and url_has_allowed_host_and_scheme(
        candidate, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return candidate
    return reverse("home")


class SignInView(auth_views.LoginView):
    """Password sign-in; then the TOTP code for anyone who has an authenticator."""

    form_class = ThrottledAuthenticationForm
    redirect_authenticated_user = True

    def form_valid(self, form):
        response = super().form_valid(form)
        if totp_device_confirmed(user=form.get_user()) is not None:
            url = reverse("accounts:second_factor")
            return HttpResponseRedirect(f"{url}?{urlencode({'next': self.get_success_url()})}")
        return response

    def form_invalid(self, form):
        response = super().form_invalid(form)
        if form.throttled is not None:
            response.status_code = 429
            response["Retry-After"] = str(form.throttled.retry_after_seconds)
        return response

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["oidc_enabled"] = settings.AIRLOCK_OIDC_ENABLED
        context["oidc_provider_name"] = settings.AIRLOCK_OIDC_PROVIDER_NAME
        context["oidc_problem"] = self.request.GET.get("oidc", "")
        return context


class SignOutView(auth_views.LogoutView):
    """Sign out; after a sign-in through the institution, sign out at its provider too (when
    it has an end-session endpoint), which sends the person back to the sign-in page."""

    def post(self, request, *args, **kwargs):
        from airlock.accounts import oidc

        through_provider = settings.AIRLOCK_OIDC_ENABLED and request.session.get(
            oidc.SESSION_SIGNED_IN_WITH_OIDC
        )
        id_token = request.session.get("oidc_id_token")
        response = super().post(request, *args, **kwargs)
        if not through_provider or not settings.AIRLOCK_OIDC_LOGOUT_ENDPOINT:
            return response
        if not oidc.provider_reachable():
            return HttpResponseRedirect(f"{reverse('login')}?oidc={oidc.SIGNED_OUT_HERE_ONLY}")
        # A page, not a redirect: the form's Content-Security-Policy (form-action 'self') would
        # stop a redirect to the provider; the page moves on by itself (meta refresh) or a click.
        page = render(
            request,
            "accounts/oidc_signed_out.html",
            {
                "provider_logout_url": oidc.provider_logout_url(request, id_token),
                "provider_name": settings.AIRLOCK_OIDC_PROVIDER_NAME,
            },
        )
        page["Cache-Control"] = "no-store"
        return page


def _not_for_this_person(request: HttpRequest) -> HttpResponse | None:
    """A person is never asked to enrol or verify an authenticator for a zone they cannot
    use (a researcher following a link to the control pages): they are told so instead."""
    zone = zone_of_path(urlsplit(_next_url(request)).path)
    if user_may_use_zone(request.user, zone):
        return None
    return render(
        request,
        "403.html",
        {"exception": _("This part of Airlock is for research services only.")},
        status=403,
    )


@login_required
def second_factor_start(request: AuthenticatedHttpRequest) -> HttpResponse:
    """Verify with the authenticator the user has, or enrol one."""
    if (refusal := _not_for_this_person(request)) is not None:
        return refusal
    query = urlencode({"next": _next_url(request)})
    if totp_device_confirmed(user=request.user) is None:
        return redirect(f"{reverse('accounts:second_factor_setup')}?{query}")
    return redirect(f"{reverse('accounts:second_factor_verify')}?{query}")


@login_required
def second_factor_setup(request: AuthenticatedHttpRequest) -> HttpResponse:
    if (refusal := _not_for_this_person(request)) is not None:
        return refusal
    device = second_factor.totp_device_start_enrolment(user=request.user)
    form = CodeForm(request.POST or None)
    status = 200
    if request.method == "POST" and form.is_valid():
        try:
            second_factor.totp_device_confirm(
                request=request, device=device, code=form.cleaned_data["code"]
            )
        except second_factor.CodeRefused as exc:
            form.add_error("code", exc.reason)
            status = 429 if exc.throttled else 200
        else:
            messages.success(request, _("Your authenticator is set up."))
            return redirect(_next_url(request))
    return render(
        request,
        "accounts/second_factor_setup.html",
        {
            "form": form,
            "qr_svg": second_factor.totp_qr_svg(device),
            "secret": second_factor.totp_secret(device),
            "next": _next_url(request),
        },
        status=status,
    )


@login_required
def second_factor_verify(request: AuthenticatedHttpRequest) -> HttpResponse:
    device = totp_device_confirmed(user=request.user)
    if device is None:
        query = urlencode({"next": _next_url(request)})
        return redirect(f"{reverse('accounts:second_factor_setup')}?{query}")
    if user_is_verified(request.user):
        return redirect(_next_url(request))
    form = CodeForm(request.POST or None)
    status = 200
    if request.method == "POST" and form.is_valid():
        try:
            second_factor.totp_verify(
                request=request, device=device, code=form.cleaned_data["code"]
            )
        except second_factor.CodeRefused as exc:
            form.add_error("code", exc.reason)
            status = 429 if exc.throttled else 200
        else:
            return redirect(_next_url(request))
    return render(
        request,
        "accounts/second_factor_verify.html",
        {"form": form, "next": _next_url(request)},
        status=status,
    )


@login_required
def api_tokens(request: AuthenticatedHttpRequest) -> HttpResponse:
    """The user's API tokens; a new token's key is shown once, in the response that made it."""
    form = ApiTokenForm(request.POST or None)
    new_key = None
    if request.method == "POST" and form.is_valid():
        _token, new_key = api_token_create(
            user=request.user,
            name=form.cleaned_data["name"],
            second_factor=user_is_verified(request.user),
        )
        form = ApiTokenForm()
    response = render(
        request,
        "accounts/api_tokens.html",
        {
            "form": form,
            "tokens": api_token_list_for_user(user=request.user),
            "new_key": new_key,
            "verified": user_is_verified(request.user),
            "zones_requiring_second_factor": [
                zone
                for zone in served_zones_requiring_second_factor()
                if user_may_use_zone(request.user, zone)
            ],
        },
    )
    response["Cache-Control"] = "no-store"
    return response


@login_required
@require_POST
def api_token_revoke_view(request: AuthenticatedHttpRequest, token_id: int) -> HttpResponse:
    token = api_token_get_for_user(user=request.user, token_id=token_id)
    api_token_revoke(token=token, actor=request.user)
    messages.success(
        request, _("The token %(prefix)s… no longer works.") % {"prefix": token.prefix}
    )
    return redirect("accounts:api_tokens")
