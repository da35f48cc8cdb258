from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.contenttypes.models import ContentType
from django.contrib.syndication.views import Feed
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponseRedirect, QueryDict
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.decorators import method_decorator
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views import View
from django.views.decorators.csrf import csrf_exempt
from django.views.generic import FormView, TemplateView

from notifications.forms import SavedSearchForm, SubscriptionSettingsForm, ThemeWatchForm, WatchForm
from notifications.lists import LISTS, clean_query, describe_query
from notifications.models import Mailing, Subscription
from notifications.selectors import WATCHABLE, feed_items, is_watchable, subscriptions_of
from notifications.services import (
    feed_renew,
    feed_revoke,
    may_remind,
    search_save,
    subscription_update,
    unsubscribe,
    watch_start,
)
from portal.mail import absolute_url
from portal.views import private


def _field_errors(form, error: ValidationError) -> None:
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error)


class PrivateMixin:
    def render_to_response(self, context, **kwargs):
        return private(super().render_to_response(context, **kwargs))


@method_decorator(login_required, name="dispatch")
class SubscriptionListView(PrivateMixin, TemplateView):
    """The member's saved searches and watches, with their feeds and settings."""

    template_name = "notifications/subscription_list.html"

    def get_context_data(self, **kwargs):
        rows = []
        for subscription in subscriptions_of(self.request.user):
            saved = LISTS.get(subscription.list_key)
            rows.append(
                {
                    "subscription": subscription,
                    "list": saved,
                    "list_url": saved.url(subscription.query) if saved else "",
                    "target_label": WATCHABLE.get(subscription.target_type.model_class())
                    if subscription.target_type_id
                    else "",
                    "feed_url": absolute_url(
                        reverse("notifications:feed", kwargs={"token": subscription.feed_token})
                    )
                    if subscription.feed_token
                    else "",
                }
            )
        return super().get_context_data(rows=rows, theme_form=ThemeWatchForm(), **kwargs)


@method_decorator(login_required, name="dispatch")
class SearchCreateView(PrivateMixin, FormView):
    """Save the filters of a list page (``?liste=<list>&<its filters>``)."""

    template_name = "notifications/search_form.html"
    form_class = SavedSearchForm

    def dispatch(self, request, *args, **kwargs):
        data = request.POST if request.method == "POST" else request.GET
        self.saved = LISTS.get(data.get("liste", ""))
        if self.saved is None:
            raise Http404(_("Diese Liste gibt es nicht."))
        if request.method == "POST":
            self.query = clean_query(QueryDict(request.POST.get("filter", "")))
        else:
            query = request.GET.copy()
            query.pop("liste", None)
            self.query = clean_query(query)
        self.summary = describe_query(self.saved, self.query)
        return super().dispatch(request, *args, **kwargs)

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "reminders": self.saved.has_deadlines}

    def get_initial(self):
        label = self.saved.label
        name = f"{label}: {self.summary}" if self.summary else str(label)
        return {"name": name[:200]}

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            saved=self.saved,
            query=self.query,
            summary=self.summary,
            list_url=self.saved.url(self.query),
            **kwargs,
        )

    def form_valid(self, form):
        try:
            search_save(
                user=self.request.user,
                list_key=self.saved.key,
                query=self.query,
                name=form.cleaned_data["name"],
                frequency=form.cleaned_data["frequency"],
                reminder_days=form.cleaned_data.get("reminder_days"),
                language=get_language(),
            )
        except ValidationError as error:
            _field_errors(form, error)
            return self.form_invalid(form)
        messages.success(
            self.request,
            _("Die Suche „%(name)s“ ist gespeichert.") % {"name": form.cleaned_data["name"]},
        )
        return HttpResponseRedirect(reverse("notifications:subscription_list"))


def _target_from(value: str, user):
    """The object named ``<app>.<model>:<pk>``, if members may watch it."""
    label, _colon, pk = value.partition(":")
    app_label, _dot, model = label.partition(".")
    try:
        content_type = ContentType.objects.get_by_natural_key(app_label, model)
    except ContentType.DoesNotExist:
        return None
    model_class = content_type.model_class()
    if model_class is None or not is_watchable(model_class) or not pk.isdigit():
        return None
    queryset = model_class.objects.all()
    if hasattr(queryset, "visible_to"):
        return queryset.visible_to(user).filter(pk=pk).first()
    return queryset.filter(pk=pk).first()


@method_decorator(login_required, name="dispatch")
class WatchCreateView(PrivateMixin, FormView):
    """Follow a body, a programme, an expert circle (``?objekt=…``) or a theme."""

    template_name = "notifications/watch_form.html"

    def dispatch(self, request, *args, **kwargs):
        data = request.POST if request.method == "POST" else request.GET
        self.target = None
        if data.get("objekt"):
            self.target = _target_from(data["objekt"], request.user)
            if self.target is None:
                raise Http404(_("Diesem Inhalt kann man nicht folgen."))
        return super().dispatch(request, *args, **kwargs)

    def _is_programme(self) -> bool:
        from funding.models import FundingProgramme

        return isinstance(self.target, FundingProgramme)

    def get_form_class(self):
        return WatchForm if self.target is not None else ThemeWatchForm

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "reminders": self._is_programme()}

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            target=self.target,
            target_label=WATCHABLE.get(type(self.target), "") if self.target else "",
            objekt=self.request.POST.get("objekt") or self.request.GET.get("objekt", ""),
            **kwargs,
        )

    def form_valid(self, form):
        target = self.target or form.cleaned_data["theme"]
        try:
            watch_start(
                user=self.request.user,
                target=target,
                frequency=form.cleaned_data["frequency"],
                reminder_days=form.cleaned_data.get("reminder_days"),
                language=get_language(),
            )
        except ValidationError as error:
            _field_errors(form, error)
            return self.form_invalid(form)
        messages.success(self.request, _("Sie folgen jetzt „%(name)s“.") % {"name": target})
        return HttpResponseRedirect(reverse("notifications:subscription_list"))


class OwnSubscriptionMixin:
    def get_subscription(self):
        return get_object_or_404(Subscription, pk=self.kwargs["pk"], user=self.request.user)


@method_decorator(login_required, name="dispatch")
class SubscriptionUpdateView(OwnSubscriptionMixin, PrivateMixin, FormView):
    template_name = "notifications/subscription_form.html"
    form_class = SubscriptionSettingsForm

    def dispatch(self, request, *args, **kwargs):
        self.subscription = self.get_subscription()
        return super().dispatch(request, *args, **kwargs)

    def get_form_kwargs(self):
        return {
            **super().get_form_kwargs(),
            "instance": self.subscription,
            "reminders": may_remind(self.subscription),
        }

    def get_context_data(self, **kwargs):
        return super().get_context_data(subscription=self.subscription, **kwargs)

    def form_valid(self, form):
        try:
            subscription_update(subscription=self.subscription, **form.cleaned_data)
        except ValidationError as error:
            _field_errors(form, error)
            return self.form_invalid(form)
        messages.success(self.request, _("Die Einstellungen sind gespeichert."))
        return HttpResponseRedirect(reverse("notifications:subscription_list"))


@method_decorator(login_required, name="dispatch")
class SubscriptionDeleteView(OwnSubscriptionMixin, View):
    def get(self, request, pk):
        return private(
            render(
                request,
                "notifications/subscription_delete.html",
                {"subscription": self.get_subscription()},
            )
        )

    def post(self, request, pk):
        subscription = self.get_subscription()
        subscription.delete()
        messages.success(request, _("„%(name)s“ ist gelöscht.") % {"name": subscription.name})
        return HttpResponseRedirect(reverse("notifications:subscription_list"))


@method_decorator(login_required, name="dispatch")
class FeedTokenView(OwnSubscriptionMixin, View):
    """Renew or revoke the secret address of a saved search's feed (POST only)."""

    def post(self, request, pk):
        subscription = self.get_subscription()
        if not subscription.is_search:
            raise Http404
        if request.POST.get("action") == "revoke":
            feed_revoke(subscription=subscription)
            messages.success(request, _("Die Feed-Adresse ist widerrufen."))
        else:
            feed_renew(subscription=subscription)
            messages.success(
                request, _("Die Feed-Adresse ist neu; die alte funktioniert nicht mehr.")
            )
        return HttpResponseRedirect(subscription.get_absolute_url())


# Mail programs send the one-click POST of RFC 8058 without cookies or a CSRF token; the
# unguessable token in the address is the authorisation.
@method_decorator(csrf_exempt, name="dispatch")
class UnsubscribeView(View):
    """Unsubscribe from the e-mails of one kind (digest or reminders) in one click."""

    def get_mailing(self, token):
        return get_object_or_404(Mailing.objects.select_related("user"), token=token)

    def get(self, request, token):
        mailing = self.get_mailing(token)
        return private(
            render(
                request,
                "notifications/unsubscribe.html",
                {"mailing": mailing, "subscriptions": mailing.subscriptions.all(), "done": False},
            )
        )

    def post(self, request, token):
        mailing = self.get_mailing(token)
        subscriptions = unsubscribe(mailing=mailing)
        return private(
            render(
                request,
                "notifications/unsubscribe.html",
                {"mailing": mailing, "subscriptions": subscriptions, "done": True},
            )
        )


class SearchFeed(Feed):
    """The secret Atom feed of a saved search: its newest matches."""

    feed_type = Atom1Feed

    def get_object(self, request, token):
        return get_object_or_404(
            Subscription.objects.select_related("user"), feed_token=token, kind="search"
        )

    def __call__(self, request, *args, **kwargs):
        return private(super().__call__(request, *args, **kwargs))

    def title(self, subscription):
        return subscription.name

    def link(self, subscription):
        return LISTS[subscription.list_key].url(subscription.query)

    def subtitle(self, subscription):
        return subscription.summary

    def items(self, subscription):
        return feed_items(subscription)

    def item_title(self, item):
        return str(item)

    def item_description(self, item):
        return getattr(item, "summary", "") or ""

    def item_updateddate(self, item):
        return item.updated_at

    def item_pubdate(self, item):
        return getattr(item, "created_at", None)
