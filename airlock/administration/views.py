"""Project administration pages. Thin: forms check input, services write, selectors read.

Two audiences, two zones (mounted in airlock/urls.py):
- project administrators, in the portal (namespace ``project_admin``): their own project's
  members, end dates and storage used (seed 002, MONA's project administrator role);
- service administrators, in the review zone (namespace ``service_admin``): every project,
  its policy, and its members, including who administers it.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from airlock.administration.forms import (
    MemberAddForm,
    MemberEndForm,
    PolicyForm,
    ProjectCreateForm,
    end_of_day,
)
from airlock.outputs.usage import project_storage_used
from airlock.projects import selectors, services
from airlock.projects.models import Project
from airlock.projects.permissions import (
    check_user_can_administer_service,
    check_user_can_change_membership,
    check_user_can_manage_members,
)
from airlock.security.requests import AuthenticatedHttpRequest

SERVICE_ADMIN = "service_admin"


def _is_service_admin_view(request: AuthenticatedHttpRequest) -> bool:
    return request.resolver_match is not None and request.resolver_match.namespace == SERVICE_ADMIN


def _managed_project(request: AuthenticatedHttpRequest, code: str) -> Project:
    """The project whose members this page manages, after the check for this audience."""
    if _is_service_admin_view(request):
        check_user_can_administer_service(user=request.user)
        return selectors.project_get(code=code)
    project = selectors.project_get(code=code)
    check_user_can_manage_members(user=request.user, project=project)
    return project


def _members_url(request: AuthenticatedHttpRequest, project: Project) -> str:
    namespace = request.resolver_match.namespace if request.resolver_match else "project_admin"
    return redirect(f"{namespace}:project", code=project.code).url


# --- Project administrators (portal) ---------------------------------------------------------


@login_required
def project_admin_index(request: AuthenticatedHttpRequest) -> HttpResponse:
    projects = selectors.project_list_administered_by(user=request.user)
    if len(projects) == 1:
        return redirect("project_admin:project", code=projects[0].code)
    return render(request, "projects/admin_index.html", {"projects": projects})


@login_required
def project_members(request: AuthenticatedHttpRequest, code: str) -> HttpResponse:
    project = _managed_project(request, code)
    return _members_page(request, project, add_form=MemberAddForm())


def _members_page(
    request: AuthenticatedHttpRequest,
    project: Project,
    *,
    add_form: MemberAddForm,
    policy_form: PolicyForm | None = None,
    status: int = 200,
) -> HttpResponse:
    service_admin = _is_service_admin_view(request)
    if service_admin and policy_form is None:
        policy_form = PolicyForm.for_project(project)
    return render(
        request,
        "projects/members.html",
        {
            "project": project,
            "memberships": selectors.membership_list_for_project(project=project),
            "add_form": add_form,
            "storage": project_storage_used(project=project),
            "namespace": request.resolver_match.namespace if request.resolver_match else "",
            "service_admin": service_admin,
            "policy_form": policy_form,
        },
        status=status,
    )


@login_required
@require_POST
def member_add(request: AuthenticatedHttpRequest, code: str) -> HttpResponse:
    project = _managed_project(request, code)
    form = MemberAddForm(request.POST)
    if not form.is_valid():
        return _members_page(request, project, add_form=form, status=400)
    user = form.cleaned_data["user"]
    services.membership_add(
        project=project,
        user=user,
        role=form.cleaned_data["role"],
        ends_at=end_of_day(form.cleaned_data["ends_on"]),
        actor=request.user,
    )
    messages.success(
        request,
        _("%(user)s is now a member of %(project)s.")
        % {"user": user.get_username(), "project": project.code},
    )
    return redirect(_members_url(request, project))


@login_required
@require_POST
def member_set_end(
    request: AuthenticatedHttpRequest, code: str, membership_id: int
) -> HttpResponse:
    project = _managed_project(request, code)
    membership = selectors.membership_get(project=project, membership_id=membership_id)
    check_user_can_change_membership(user=request.user, membership=membership)
    form = MemberEndForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Enter the end date as day-month-year, for example 31-12-2026."))
        return redirect(_members_url(request, project))
    services.membership_set_end(
        membership=membership, ends_at=end_of_day(form.cleaned_data["ends_on"]), actor=request.user
    )
    messages.success(
        request,
        _("The end of access for %(user)s is saved.") % {"user": membership.user.get_username()},
    )
    return redirect(_members_url(request, project))


@login_required
@require_POST
def member_remove(request: AuthenticatedHttpRequest, code: str, membership_id: int) -> HttpResponse:
    project = _managed_project(request, code)
    membership = selectors.membership_get(project=project, membership_id=membership_id)
    check_user_can_change_membership(user=request.user, membership=membership)
    services.membership_remove(membership=membership, actor=request.user)
    messages.success(
        request,
        _("%(user)s no longer has access to %(project)s.")
        % {"user": membership.user.get_username(), "project": project.code},
    )
    return redirect(_members_url(request, project))


# --- Service administrators (review zone) ----------------------------------------------------


@login_required
def service_admin_index(request: AuthenticatedHttpRequest) -> HttpResponse:
    check_user_can_administer_service(user=request.user)
    form = ProjectCreateForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        project = services.project_create(
            code=form.cleaned_data["code"], name=form.cleaned_data["name"], actor=request.user
        )
        messages.success(request, _("Project %(code)s is created.") % {"code": project.code})
        return redirect("service_admin:project", code=project.code)
    return render(
        request,
        "projects/service_admin_index.html",
        {"projects": Project.objects.order_by("code"), "form": form},
        status=400 if form.errors else 200,
    )


@login_required
@require_POST
def project_policy(request: AuthenticatedHttpRequest, code: str) -> HttpResponse:
    check_user_can_administer_service(user=request.user)
    project = selectors.project_get(code=code)
    form = PolicyForm.for_project(project, data=request.POST)
    if form.is_valid():
        try:
            services.project_policy_update(
                project=project, actor=request.user, changes=form.cleaned_data
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("The policy of %(code)s is saved.") % {"code": code})
            return redirect("service_admin:project", code=code)
    return _members_page(request, project, add_form=MemberAddForm(), policy_form=form, status=400)
