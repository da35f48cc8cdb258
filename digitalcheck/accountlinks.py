"""The Digital-Check on the member's account page, and in their data export."""

from django.urls import reverse
from django.utils.translation import gettext as _

from portal.related import RelatedItem


def account_links(user) -> list[RelatedItem]:
    return [RelatedItem(title=_("Digital-Check Ihrer Stelle"), url=reverse("digitalcheck:start"))]


def member_data(user) -> dict:
    """The checks the member started or submitted (the answers are the body's, not the
    member's). Deleting the account keeps the checks without the name (``SET_NULL``)."""
    from django.db.models import Q

    from digitalcheck.models import Assessment

    return {
        "digital_checks": [
            {
                "body": str(assessment.body),
                "year": assessment.year,
                "status": assessment.status,
                "started": assessment.created_by_id == user.pk,
                "submitted": assessment.submitted_by_id == user.pk,
            }
            for assessment in Assessment.objects.filter(
                Q(created_by=user) | Q(submitted_by=user)
            ).select_related("municipality", "association", "district")
        ]
    }
