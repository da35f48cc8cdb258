import json

from allauth.account.decorators import reauthentication_required
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.decorators import method_decorator
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from django.views.generic import FormView, TemplateView

from members.forms import AccountDeleteForm, MembershipRequestForm
from members.models import Membership
from members.selectors import member_data, memberships_of, requests_to_confirm
from members.services import (
    member_delete,
    membership_confirm,
    membership_reject,
    membership_request,
)

PRIVATE = {"Cache-Control": "private, no-store"}


def private(response):
    """Pages about one member are never stored by a cache."""
    for header, value in PRIVATE.items():
        response[header] = value
    return response


@method_decorator(login_required, name="dispatch")
class AccountView(TemplateView):
    """The member's start page: addresses, memberships, requests to confirm."""

    template_name = "members/account.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            memberships=memberships_of(self.request.user),
            requests=requests_to_confirm(self.request.user),
            **kwargs,
        )

    def render_to_response(self, context, **kwargs):
        return private(super().render_to_response(context, **kwargs))


@method_decorator(login_required, name="dispatch")
class MembershipRequestView(FormView):
    """Join a body of the register or a partner organisation."""

    template_name = "members/membership_form.html"
    form_class = MembershipRequestForm

    def form_valid(self, form):
        try:
            membership = membership_request(
                user=self.request.user,
                role=form.cleaned_data["role"],
                **form.cleaned_data["target"],
            )
        except ValidationError as error:
            for message in error.messages:
                form.add_error(None, message)
            return self.form_invalid(form)
        if membership.is_verified:
            messages.success(
                self.request,
                _("Sie gehören jetzt zu %(body)s: Ihre E-Mail-Adresse ist bei dieser Stelle.")
                % {"body": membership.body},
            )
        else:
            messages.info(
                self.request,
                _(
                    "Ihre Anfrage an %(body)s ist gespeichert. Die Redaktion oder eine bestätigte "
                    "Kollegin oder ein bestätigter Kollege bestätigt sie."
                )
                % {"body": membership.body},
            )
        return redirect("members:account")

    def render_to_response(self, context, **kwargs):
        return private(super().render_to_response(context, **kwargs))


def _decide(request, pk, service, done_message):
    membership = get_object_or_404(Membership, pk=pk)
    try:
        service(membership=membership, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, done_message % {"name": membership.user.email})
    return redirect("members:account")


@login_required
@require_POST
def membership_confirm_view(request, pk):
    return _decide(
        request, pk, membership_confirm, _("Die Zugehörigkeit von %(name)s ist bestätigt.")
    )


@login_required
@require_POST
def membership_reject_view(request, pk):
    return _decide(request, pk, membership_reject, _("Die Anfrage von %(name)s ist abgelehnt."))


@login_required
def my_data_view(request):
    """Everything the portal holds about the member (Art. 15), as a page or as JSON
    (Art. 20)."""
    data = member_data(request.user)
    if request.GET.get("format") == "json":
        response = HttpResponse(
            json.dumps(data, ensure_ascii=False, indent=2),
            content_type="application/json; charset=utf-8",
        )
        stamp = timezone.localdate().isoformat()
        response["Content-Disposition"] = f'attachment; filename="meine-daten-{stamp}.json"'
        return private(response)
    return private(render(request, "members/my_data.html", {"data": data}))


@method_decorator(login_required, name="dispatch")
@method_decorator(reauthentication_required, name="dispatch")
class AccountDeleteView(FormView):
    """Delete the account (Art. 17), after the password was given again."""

    template_name = "members/account_delete.html"
    form_class = AccountDeleteForm

    def form_valid(self, form):
        member_delete(user=self.request.user)
        logout(self.request)
        messages.success(self.request, _("Ihr Konto ist gelöscht."))
        return redirect("portal:home")

    def render_to_response(self, context, **kwargs):
        return private(super().render_to_response(context, **kwargs))
