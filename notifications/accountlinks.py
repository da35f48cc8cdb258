"""The link on the member's account page, the member's subscriptions in their data export
(DSGVO Art. 15 and 20), and their deletion with the account (Art. 17)."""

from django.urls import reverse
from django.utils.translation import gettext as _

from portal.related import RelatedItem


def account_links(user) -> list[RelatedItem]:
    return [
        RelatedItem(
            title=_("Gespeicherte Suchen und Benachrichtigungen"),
            url=reverse("notifications:subscription_list"),
        )
    ]


def member_data(user) -> dict:
    from notifications.models import Mailing, Subscription

    return {
        "subscriptions": [
            {
                "name": subscription.name,
                "kind": subscription.kind,
                "list": subscription.list_key or None,
                "filters": subscription.query or None,
                "follows": f"{subscription.target_type.app_label}.{subscription.target_type.model}"
                f":{subscription.target_id}"
                if subscription.target_type_id
                else None,
                "frequency": subscription.frequency,
                "email_enabled": subscription.email_enabled,
                "reminder_days": subscription.reminder_days,
                "feed_enabled": bool(subscription.feed_token),
                "created_at": subscription.created_at.isoformat(),
            }
            for subscription in Subscription.objects.filter(user=user).select_related("target_type")
        ],
        "notification_emails_sent": Mailing.objects.filter(
            user=user, sent_at__isnull=False
        ).count(),
    }


def member_delete(user) -> None:
    """Subscriptions, feeds and the record of e-mails sent go with the account."""
    from notifications.models import Mailing, Subscription

    Mailing.objects.filter(user=user).delete()
    Subscription.objects.filter(user=user).delete()
