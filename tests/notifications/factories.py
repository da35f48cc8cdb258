"""Members with a verified address, and their subscriptions."""

from django.contrib.auth import get_user_model

from notifications.services import search_save, watch_start


def member(name="mitglied", **kwargs):
    from allauth.account.models import EmailAddress

    user = get_user_model().objects.create_user(
        username=name, email=f"{name}@kommune.example", password="ein-langes-passwort-123"
    )
    EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
    return user


def saved_search(user, *, list_key="bestpractices.project", query="", **kwargs):
    kwargs.setdefault("name", "Meine Suche")
    kwargs.setdefault("frequency", "daily")
    return search_save(user=user, list_key=list_key, query=query, **kwargs)


def watch(user, target, **kwargs):
    kwargs.setdefault("frequency", "daily")
    return watch_start(user=user, target=target, **kwargs)
