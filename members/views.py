import json
from dataclasses import dataclass

from allauth.account.decorators import reauthentication_required
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.decorators import method_decorator
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from django.views.generic import FormView, TemplateView, UpdateView

from cities.models import DigitalProfile
from members.changes import change_diff, form_values, spec_for
from members.choices import ContactAbout, RelationKind
from members.filters import DirectoryFilterSet, RelationFilterSet
from members.forms import (
    AccountDeleteForm,
    ContactForm,
    ContactReportForm,
    DirectoryEntryForm,
    MembershipRequestForm,
    RelationProposeForm,
)
from members.graph import draw
from members.models import BodyRelation, ChangeRequest, DirectoryEntry, Membership
from members.querysets import is_verified_member
from members.selectors import (
    CONTACT_BODY_KINDS,
    body_contact_recipients,
    body_field_of,
    change_requests_of,
    contact_refusal,
    contactable_member,
    directory_entries,
    edit_refusal,
    maintained_bodies,
    member_data,
    member_public_label,
    memberships_of,
    network_relations,
    register_body,
    relations_for_maintainer,
    requests_to_confirm,
    with_shown_details,
    with_solutions,
)
from members.services import (
    change_submit,
    change_withdraw,
    contact_report,
    contact_report_load,
    contact_send,
    member_delete,
    membership_confirm,
    membership_reject,
    membership_request,
    relation_confirm,
    relation_decline,
    relation_propose,
    relation_remove,
)
from portal.registry import project_modules
from portal.views import FilteredListView, private


@method_decorator(login_required, name="dispatch")
class AccountView(TemplateView):
    """The member's start page: addresses, memberships, requests to confirm."""

    template_name = "members/account.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            memberships=memberships_of(self.request.user),
            requests=requests_to_confirm(self.request.user),
            maintained=maintained_bodies(self.request.user),
            changes=change_requests_of(self.request.user)[:20],
            relations=relations_for_maintainer(self.request.user),
            # What other apps offer the member (``<app>/accountlinks.py``).
            account_links=[
                link
                for module in project_modules("accountlinks")
                if hasattr(module, "account_links")
                for link in module.account_links(self.request.user)
            ],
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


@dataclass(frozen=True)
class ContactTarget:
    """Whom a contact form writes to and what about; never their addresses."""

    recipients: list
    about_kind: str
    about_title: str
    about_url: str = ""
    via_editors: bool = False


@method_decorator(login_required, name="dispatch")
class ContactFormView(FormView):
    """ "Kontakt aufnehmen": a verified member writes, the portal relays the message by
    e-mail. Subclasses say whom to (``get_target``)."""

    template_name = "members/contact_form.html"
    form_class = ContactForm

    def get_target(self) -> ContactTarget:
        raise NotImplementedError

    def dispatch(self, request, *args, **kwargs):
        # Runs after login_required (the class decorator wraps this method).
        self.target = self.get_target()
        self.refusal = contact_refusal(request.user)
        if self.refusal:
            return self.refuse(self.refusal)
        return super().dispatch(request, *args, **kwargs)

    def refuse(self, reason: str):
        return private(
            render(
                self.request,
                self.template_name,
                {"target": self.target, "refusal": reason},
                status=403,
            )
        )

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            target=self.target,
            CONTACT_MESSAGES_PER_HOUR=settings.CONTACT_MESSAGES_PER_HOUR,
            CONTACT_MESSAGES_PER_DAY=settings.CONTACT_MESSAGES_PER_DAY,
            **kwargs,
        )

    def form_valid(self, form):
        target = self.target
        try:
            contact_send(
                sender=self.request.user,
                recipients=target.recipients,
                about_kind=target.about_kind,
                about_title=target.about_title,
                about_url=target.about_url,
                via_editors=target.via_editors,
                subject=form.cleaned_data["subject"],
                text=form.cleaned_data["text"],
                site_url=self.request.build_absolute_uri("/").rstrip("/"),
            )
        except PermissionDenied as error:
            return self.refuse(str(error))
        except ValidationError as error:
            for message in error.messages:
                form.add_error(None, message)
            return self.form_invalid(form)
        messages.success(
            self.request,
            _(
                "Ihre Nachricht zu „%(title)s“ ist versandt. Antworten kommen an Ihre "
                "E-Mail-Adresse."
            )
            % {"title": target.about_title},
        )
        return redirect("members:account")

    def render_to_response(self, context, **kwargs):
        return private(super().render_to_response(context, **kwargs))


class MemberContactView(ContactFormView):
    """Write to one member. Until the member directory exists, any member with a
    verified membership can be written to."""

    def get_target(self):
        member = contactable_member(self.kwargs["pk"])
        if member is None:
            raise Http404
        return ContactTarget(
            recipients=[member],
            about_kind=ContactAbout.MEMBER,
            about_title=member_public_label(member),
        )


class BodyContactView(ContactFormView):
    """Write to a body (from its profile page): to those who maintain its content, or to the
    editors when nobody does."""

    def get_target(self):
        if self.kwargs["kind"] not in CONTACT_BODY_KINDS:
            raise Http404
        _field, model, key = CONTACT_BODY_KINDS[self.kwargs["kind"]]
        body = get_object_or_404(model, **{key: self.kwargs["key"]})
        recipients, via_editors = body_contact_recipients(body)
        return ContactTarget(
            recipients=recipients,
            about_kind=ContactAbout.PROFILE,
            about_title=str(body),
            about_url=body.get_absolute_url() if hasattr(body, "get_absolute_url") else "",
            via_editors=via_editors,
        )


def contact_report_view(request, token):
    """The link in each relayed e-mail: the recipient reports the message as abuse, without
    signing in (the signed link names message and recipient)."""
    loaded = contact_report_load(token)
    if loaded is None:
        raise Http404
    message, recipient = loaded
    form = ContactReportForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        contact_report(message=message, by=recipient, reason=form.cleaned_data["reason"])
        return private(render(request, "members/contact_report.html", {"done": True}))
    return private(
        render(
            request,
            "members/contact_report.html",
            {"form": form, "message": message, "done": message.reported_at is not None},
        )
    )


@method_decorator(login_required, name="dispatch")
class ChangeFormView(FormView):
    """A maintainer edits content of their body in the public site; the change goes to the
    editors' review, the published object stays as it is until they approve. Subclasses say
    which object and on whose behalf (``get_target``)."""

    template_name = "members/change_form.html"

    def get_target(self):
        """(body, model, instance or None)."""
        raise NotImplementedError

    def dispatch(self, request, *args, **kwargs):
        self.body, self.model, self.instance = self.get_target()
        self.spec = spec_for(self.model)
        refusal = edit_refusal(request.user, self.body)
        if refusal:
            return private(
                render(
                    request,
                    "members/change_refused.html",
                    {"body": self.body, "refusal": refusal},
                    status=403,
                )
            )
        self.pending = (
            ChangeRequest.objects.pending()
            .about(self.instance)
            .filter(proposed_by=request.user)
            .first()
            if self.instance is not None
            else None
        )
        return super().dispatch(request, *args, **kwargs)

    def get_form_class(self):
        return self.spec.form_class

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        instance = self.instance
        if instance is None:
            instance = self.spec.new_instance(body_field_of(self.body), self.body)
        kwargs["instance"] = instance
        if self.pending is not None and self.request.method == "GET":
            kwargs["initial"] = dict(self.pending.data)
        return kwargs

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        form = context["form"]
        new, existing = self.spec.headings
        context.update(
            heading=(existing if self.instance is not None else new)
            % {"body": self.body.name, "title": self.instance},
            is_profile=self.model is DigitalProfile,
            body=self.body,
            instance=self.instance,
            pending=self.pending,
            fieldsets=[
                (label, [form[name] for name in names if name in form.fields])
                for label, names in self.spec.fieldsets
            ],
        )
        return context

    def form_valid(self, form):
        values = form_values(self.model, form.cleaned_data, self.spec.fields)
        try:
            change = change_submit(
                model=self.model,
                instance=self.instance,
                body=self.body,
                values=values,
                user=self.request.user,
            )
        except ValidationError as error:
            for message in error.messages:
                form.add_error(None, message)
            return self.form_invalid(form)
        messages.success(
            self.request,
            _(
                "Ihr Vorschlag ist gespeichert und geht an die Redaktion. Veröffentlicht wird "
                "er, sobald die Redaktion ihn geprüft hat."
            ),
        )
        return redirect(change)

    def render_to_response(self, context, **kwargs):
        return private(super().render_to_response(context, **kwargs))


class ProfileChangeView(ChangeFormView):
    """The digital profile of a municipality, a Gemeindeverband or a district."""

    def get_target(self):
        body = register_body(self.kwargs["kind"], self.kwargs["key"])
        if body is None:
            raise Http404
        profile = DigitalProfile.objects.filter(**{body_field_of(body): body}).first()
        return body, DigitalProfile, profile


@login_required
def change_detail_view(request, pk):
    """A member's own proposed change: what it alters, where it stands; withdraw it while
    it waits."""
    change = get_object_or_404(
        ChangeRequest.objects.select_related("content_type", "reviewed_by"),
        pk=pk,
        proposed_by=request.user,
    )
    if request.method == "POST":
        try:
            change_withdraw(change=change, user=request.user)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("Sie haben den Vorschlag zurückgezogen."))
        return redirect(change)
    return private(
        render(
            request,
            "members/change_detail.html",
            {"change": change, "rows": change_diff(change), "body": change.body},
        )
    )


@method_decorator(login_required, name="dispatch")
class DirectoryView(FilteredListView):
    """ "Wer macht was": the members who chose to be listed, with what each chose to show.
    For confirmed members only; the same FilterSet runs in the members' API."""

    model = DirectoryEntry
    filterset_class = DirectoryFilterSet
    template_name = "members/directory.html"

    def dispatch(self, request, *args, **kwargs):
        if not is_verified_member(request.user):
            return private(render(request, "members/directory_refused.html", status=403))
        return super().dispatch(request, *args, **kwargs)

    def get_base_queryset(self):
        return directory_entries(self.request.user)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["object_list"] = with_shown_details(context["object_list"], self.request.user)
        context["own_entry"] = DirectoryEntry.objects.filter(user=self.request.user).first()
        return context

    def render_to_response(self, context, **kwargs):
        return private(super().render_to_response(context, **kwargs))


@method_decorator(login_required, name="dispatch")
class DirectoryEntryView(UpdateView):
    """The member's own entry in "Wer macht was", off until they switch it on."""

    form_class = DirectoryEntryForm
    template_name = "members/directory_entry_form.html"

    def get_object(self, queryset=None):
        entry, _created = DirectoryEntry.objects.get_or_create(user=self.request.user)
        return entry

    def form_valid(self, form):
        response = super().form_valid(form)
        if form.instance.listed:
            messages.success(self.request, _("Ihr Eintrag in „Wer macht was“ ist gespeichert."))
        else:
            messages.success(
                self.request, _("Gespeichert: Sie erscheinen nicht in „Wer macht was“.")
            )
        return response

    def get_success_url(self):
        return reverse("members:directory_entry")

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            is_verified_member=is_verified_member(self.request.user), **kwargs
        )

    def render_to_response(self, context, **kwargs):
        return private(super().render_to_response(context, **kwargs))


@method_decorator(login_required, name="dispatch")
class RelationProposeView(FormView):
    """A maintainer records a relation of their body with another body of the register;
    it goes to the other side for confirmation."""

    template_name = "members/relation_form.html"
    form_class = RelationProposeForm

    def dispatch(self, request, *args, **kwargs):
        self.bodies = [
            (body_field_of(entry["body"]), entry["body"])
            for entry in maintained_bodies(request.user)
        ]
        if not self.bodies:
            refusal = _(
                "Verbindungen im Netzwerk tragen Mitglieder ein, die die Inhalte einer Kommune, "
                "eines Gemeindeverbands oder eines Kreises pflegen und deren Zugehörigkeit "
                "bestätigt ist."
            )
            return private(
                render(
                    request,
                    "members/change_refused.html",
                    {"refusal": refusal, "title": _("Verbindung eintragen nicht möglich")},
                    status=403,
                )
            )
        return super().dispatch(request, *args, **kwargs)

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "bodies": self.bodies}

    def get_initial(self):
        """Prefilled from the page the maintainer came from: ``?partner=<key>`` (a body's
        page) and ``?loesung=<project>`` (a project's page)."""
        initial = {}
        for name, parameter in (("partner", "partner"), ("solution", "loesung")):
            value = self.request.GET.get(parameter, "").strip()[:300]
            if value:
                initial[name] = value
        if "solution" in initial:
            initial["option"] = "adopted_from"
        return initial

    def form_valid(self, form):
        data = form.cleaned_data
        try:
            relation = relation_propose(
                user=self.request.user,
                body=data["body"],
                partner=data["partner"],
                kind=data["kind"],
                body_is_source=data["body_is_source"],
                description=data["description"],
                solution=data["solution"],
                site_url=self.request.build_absolute_uri("/").rstrip("/"),
            )
        except ValidationError as error:
            if hasattr(error, "error_dict"):
                for field, errors in error.message_dict.items():
                    form.add_error(field if field in form.fields else None, errors)
            else:
                form.add_error(None, error.messages)
            return self.form_invalid(form)
        except PermissionDenied as error:
            form.add_error("body", str(error))
            return self.form_invalid(form)
        partner = relation.target if relation.proposed_by_source else relation.source
        messages.success(
            self.request,
            _(
                "Die Verbindung ist eingetragen. Sie wird öffentlich, sobald %(partner)s oder die "
                "Redaktion sie bestätigt."
            )
            % {"partner": partner},
        )
        return redirect(reverse("members:account") + "#netzwerk")

    def render_to_response(self, context, **kwargs):
        return private(super().render_to_response(context, **kwargs))


RELATION_ACTIONS = {
    "confirm": (relation_confirm, _("Die Verbindung ist bestätigt und jetzt öffentlich.")),
    "decline": (relation_decline, _("Die Verbindung ist abgelehnt.")),
    "remove": (relation_remove, _("Die Verbindung ist entfernt.")),
}


@login_required
@require_POST
def relation_action_view(request, pk, action):
    """Confirm, decline or remove a relation (from the account page)."""
    if action not in RELATION_ACTIONS:
        raise Http404
    relation = get_object_or_404(BodyRelation.objects.visible_to(request.user).with_bodies(), pk=pk)
    service, success = RELATION_ACTIONS[action]
    try:
        service(relation=relation, by=request.user)
    except (ValidationError, PermissionDenied) as error:
        text = " ".join(error.messages) if isinstance(error, ValidationError) else str(error)
        messages.error(request, text)
    else:
        messages.success(request, success)
    return redirect(reverse("members:account") + "#netzwerk")


# The drawing shows at most this many relations (the table shows all, page by page).
GRAPH_MAX_RELATIONS = 300


class NetworkView(FilteredListView):
    """The network of municipalities: the confirmed relations as a table and as a drawn
    graph, filtered by the one FilterSet the API runs too."""

    model = BodyRelation
    filterset_class = RelationFilterSet
    template_name = "members/network.html"

    def get_base_queryset(self):
        return network_relations(self.request.user)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["object_list"] = with_solutions(context["object_list"], self.request.user)
        # The drawing shows the whole filtered network, up to a limit (one query).
        drawn = list(self.filterset.qs[:GRAPH_MAX_RELATIONS])
        context["graph"] = draw(drawn)
        context["graph_truncated"] = len(drawn) == GRAPH_MAX_RELATIONS and (
            context["paginator"].count > GRAPH_MAX_RELATIONS
        )
        context["graph_max"] = GRAPH_MAX_RELATIONS
        context["kinds"] = RelationKind.choices
        context["api_url"] = self.api_url("api:relation-list")
        return context
