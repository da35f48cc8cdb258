"""Writes of the members app: joining a body, confirming a membership, relaying contact
messages, and deleting an account so that what the member did stays attributable to an
anonymous placeholder."""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.core import signing
from django.core.exceptions import ObjectDoesNotExist, PermissionDenied, ValidationError
from django.core.mail import EmailMessage, send_mail
from django.db import models, transaction
from django.db.models import Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from members.changes import apply_values, snapshot, spec_for
from members.choices import (
    DIRECTED_KINDS,
    ChangeStatus,
    MembershipRole,
    MembershipStatus,
    RelationKind,
    RelationStatus,
    VerificationMethod,
)
from members.models import (
    BODY_FIELDS,
    BodyRelation,
    ChangeRequest,
    ContactBlock,
    ContactMessage,
    DirectoryEntry,
    EmailDomain,
    Membership,
)
from members.selectors import (
    body_field_of,
    contact_refusal,
    edit_refusal,
    editors,
    may_decide_relation,
    may_remove_relation,
    solution_models,
)
from portal.ratelimit import Limit, over_limit, per_hour_and_day, take_allowance
from portal.registry import project_modules
from portal.services import publication_stamp

REPORT_SALT = "members.contact.report"
# A report link works for half a year: long enough for a recipient who reads late.
REPORT_MAX_AGE = 183 * 24 * 3600


def domain_candidates(address: str) -> list[str]:
    """The domain of an e-mail address and each parent domain with at least two labels:
    ``a@rathaus.stadt.de`` → ``rathaus.stadt.de``, ``stadt.de``."""
    domain = address.rpartition("@")[2].strip().lower().rstrip(".")
    labels = domain.split(".")
    return [".".join(labels[i:]) for i in range(len(labels) - 1)] if len(labels) > 1 else []


def verified_addresses(user) -> list[str]:
    from allauth.account.models import EmailAddress

    return list(
        EmailAddress.objects.filter(user=user, verified=True).values_list("email", flat=True)
    )


def domain_vouches_for(membership: Membership, addresses: list[str]) -> bool:
    """True when one of the verified ``addresses`` is at an e-mail domain of the body."""
    candidates = {domain for address in addresses for domain in domain_candidates(address)}
    if not candidates:
        return False
    return EmailDomain.objects.filter(domain__in=candidates, **membership.body_filter()).exists()


def _confirm(membership: Membership, *, method: str, by=None) -> Membership:
    membership.status = MembershipStatus.VERIFIED
    membership.verification = method
    membership.verified_by = by
    membership.verified_at = timezone.now()
    membership.save(update_fields=["status", "verification", "verified_by", "verified_at"])
    return membership


@transaction.atomic
def membership_request(*, user, role: str = MembershipRole.MEMBER, **body) -> Membership:
    """A member asks to belong to one body (``municipality=…``, ``association=…``,
    ``district=…`` or ``organisation=…``). Confirmed at once when a verified e-mail address
    of the member is at one of the body's domains; otherwise it waits for an editor or a
    verified colleague."""
    unknown = set(body) - set(BODY_FIELDS)
    if unknown:
        raise TypeError(f"not a body: {', '.join(sorted(unknown))}")
    membership = Membership(user=user, role=role, **body)
    membership.full_clean()
    membership.save()
    if domain_vouches_for(membership, verified_addresses(user)):
        _confirm(membership, method=VerificationMethod.DOMAIN)
    return membership


@transaction.atomic
def memberships_confirm_by_domain(*, user) -> list[Membership]:
    """After an e-mail address is verified: confirm the member's waiting memberships of the
    bodies whose domain it is at."""
    addresses = verified_addresses(user)
    confirmed = []
    for membership in Membership.objects.pending().filter(user=user).select_for_update():
        if domain_vouches_for(membership, addresses):
            confirmed.append(_confirm(membership, method=VerificationMethod.DOMAIN))
    return confirmed


def may_confirm(membership: Membership, by) -> str | None:
    """How ``by`` may confirm ``membership``, or None: editors always; a verified colleague
    of the same body for a member, and a maintainer of it for a maintainer. Nobody confirms
    themselves."""
    if by is None or not by.is_authenticated or not by.is_active or by.pk == membership.user_id:
        return None
    if by.is_staff and by.has_perm("members.change_membership"):
        return VerificationMethod.EDITOR
    colleagues = Membership.objects.verified().filter(user=by, **membership.body_filter())
    if membership.role == MembershipRole.MAINTAINER:
        colleagues = colleagues.filter(role=MembershipRole.MAINTAINER)
    return VerificationMethod.COLLEAGUE if colleagues.exists() else None


@transaction.atomic
def membership_confirm(*, membership: Membership, by) -> Membership:
    """An editor or a colleague confirms a waiting membership."""
    membership = Membership.objects.select_for_update().get(pk=membership.pk)
    method = may_confirm(membership, by)
    if method is None:
        raise PermissionDenied(_("Sie können diese Zugehörigkeit nicht bestätigen."))
    if membership.status != MembershipStatus.PENDING:
        raise ValidationError(_("Diese Zugehörigkeit wartet nicht mehr auf Bestätigung."))
    return _confirm(membership, method=method, by=by)


@transaction.atomic
def membership_reject(*, membership: Membership, by) -> Membership:
    """An editor or a colleague declines a waiting membership; the member sees so."""
    membership = Membership.objects.select_for_update().get(pk=membership.pk)
    if may_confirm(membership, by) is None:
        raise PermissionDenied(_("Sie können diese Zugehörigkeit nicht ablehnen."))
    if membership.status != MembershipStatus.PENDING:
        raise ValidationError(_("Diese Zugehörigkeit wartet nicht mehr auf Bestätigung."))
    membership.status = MembershipStatus.REJECTED
    membership.verified_by = by
    membership.verified_at = timezone.now()
    membership.save(update_fields=["status", "verified_by", "verified_at"])
    return membership


@transaction.atomic
def member_delete(*, user) -> None:
    """Delete a member's account (DSGVO Art. 17). The user row stays as an anonymous
    placeholder, so the history of what the member changed or confirmed still names "a
    deleted member" rather than nobody; name, addresses, password, second factor,
    memberships, directory entry and failed login records go."""
    from allauth.account.models import EmailAddress
    from allauth.mfa.models import Authenticator
    from axes.models import AccessAttempt

    user = get_user_model().objects.select_for_update().get(pk=user.pk)
    addresses = {
        user.email,
        *EmailAddress.objects.filter(user=user).values_list("email", flat=True),
    }
    Membership.objects.filter(user=user).delete()
    DirectoryEntry.objects.filter(user=user).delete()
    EmailAddress.objects.filter(user=user).delete()
    # The second factor's secret and recovery codes: nothing to sign in with remains.
    Authenticator.objects.filter(user=user).delete()
    # Sent messages stay with the placeholder, so the editors can still tell that one
    # account sent them; their words go, except where a recipient reported them as abuse.
    ContactMessage.objects.filter(sender=user, reported_at__isnull=True).update(
        subject="–", text=""
    )
    AccessAttempt.objects.filter(username__in=addresses - {""}).delete()
    # What other apps hold about the member (``<app>/accountlinks.py``: ``member_delete``).
    for module in project_modules("accountlinks"):
        if hasattr(module, "member_delete"):
            module.member_delete(user)
    user.username = f"geloescht-{user.pk}"
    user.email = ""
    user.first_name = ""
    user.last_name = ""
    user.is_active = False
    user.is_staff = False
    user.is_superuser = False
    user.set_unusable_password()
    user.save()
    user.groups.clear()
    user.user_permissions.clear()
    # Every session of the account ends with it: Django checks each session against the
    # password's hash, which an unusable password changes, and refuses inactive users.


def _contact_limits() -> list[Limit]:
    return per_hour_and_day(settings.CONTACT_MESSAGES_PER_HOUR, settings.CONTACT_MESSAGES_PER_DAY)


def contact_over_limit(sender) -> bool:
    """True when ``sender`` has used up the messages of this hour or this day."""
    return over_limit(f"members:contact:{sender.pk}", _contact_limits())


def _take_contact_allowance(sender) -> None:
    """Count one message against the sender's limits, or refuse it. The counters live in
    the shared cache, so every server process counts together."""
    take_allowance(
        f"members:contact:{sender.pk}",
        _contact_limits(),
        _(
            "Sie haben in kurzer Zeit zu viele Nachrichten gesendet. Bitte versuchen Sie "
            "es später noch einmal."
        ),
    )


def contact_report_token(*, message: ContactMessage, recipient) -> str:
    """The signed key of the report link in the e-mail to ``recipient``."""
    return signing.dumps({"m": message.pk, "r": recipient.pk}, salt=REPORT_SALT, compress=True)


def contact_report_load(token: str) -> tuple[ContactMessage, object] | None:
    """The message and recipient a report link names, or None for a forged or old link."""
    try:
        data = signing.loads(token, salt=REPORT_SALT, max_age=REPORT_MAX_AGE)
        message = ContactMessage.objects.select_related("sender").get(pk=data["m"])
        recipient = message.recipients.get(pk=data["r"])
    except (signing.BadSignature, KeyError, TypeError, ObjectDoesNotExist):
        return None
    return message, recipient


def contact_send(
    *,
    sender,
    recipients: list,
    about_kind: str,
    about_title: str,
    about_url: str = "",
    subject: str,
    text: str,
    via_editors: bool = False,
    site_url: str = "",
) -> ContactMessage:
    """Relay a member's message: one e-mail to each recipient, from the portal, with the
    sender's address as Reply-To and a signed link to report it. The recipients' addresses
    are never shown to the sender. Refused for anybody but verified members, blocked
    senders, messages to oneself, and over the hourly or daily limit."""
    refusal = contact_refusal(sender)
    if refusal:
        raise PermissionDenied(refusal)
    recipients = list({user.pk: user for user in recipients if user.email}.values())
    others = [user for user in recipients if user.pk != sender.pk]
    if recipients and not others:
        raise ValidationError(_("Sie können sich nicht selbst schreiben."), code="self")
    if not others:
        raise ValidationError(
            _("Diese Nachricht kann gerade niemand empfangen. Bitte versuchen Sie es später."),
            code="no_recipients",
        )
    message = ContactMessage(
        sender=sender,
        about_kind=about_kind,
        about_title=about_title[:300],
        about_url=about_url,
        subject=subject.strip(),
        text=text.strip(),
        via_editors=via_editors,
    )
    message.full_clean()
    _take_contact_allowance(sender)
    with transaction.atomic():
        message.save()
        message.recipients.set(others)
    delivered = 0
    for recipient in others:
        report_path = reverse(
            "members:contact_report",
            kwargs={"token": contact_report_token(message=message, recipient=recipient)},
        )
        body = render_to_string(
            "members/email/contact_message.txt",
            {
                "message": message,
                "sender_name": _sender_name(sender),
                "about_url": f"{site_url}{about_url}" if about_url.startswith("/") else about_url,
                "report_url": f"{site_url}{report_path}",
                "via_editors": via_editors,
                "PORTAL_NAME": settings.PORTAL_NAME,
            },
        )
        # One e-mail per recipient: no recipient learns another's address.
        delivered += EmailMessage(
            subject=f"{settings.ACCOUNT_EMAIL_SUBJECT_PREFIX}{message.subject}",
            body=body.strip() + "\n",
            from_email=settings.DEFAULT_FROM_EMAIL,
            to=[recipient.email],
            reply_to=[sender.email],
        ).send()
    message.delivered_count = delivered
    message.save(update_fields=["delivered_count"])
    return message


def _sender_name(sender) -> str:
    return f"{sender.first_name} {sender.last_name}".strip() or sender.email


@transaction.atomic
def contact_report(*, message: ContactMessage, by, reason: str = "") -> ContactMessage:
    """A recipient reports a message as abuse: it is marked, and the editors are told."""
    message = ContactMessage.objects.select_for_update().get(pk=message.pk)
    if message.reported_at is not None:
        return message
    message.reported_at = timezone.now()
    message.reported_by = by
    message.report_reason = reason.strip()[:2000]
    message.full_clean()
    message.save(update_fields=["reported_at", "reported_by", "report_reason"])
    text = render_to_string(
        "members/email/contact_reported.txt",
        {"message": message, "PORTAL_NAME": settings.PORTAL_NAME},
    )
    subject, _newline, body = text.strip().partition("\n")
    addresses = list(editors().values_list("email", flat=True)) or [settings.PORTAL_CONTACT_EMAIL]
    transaction.on_commit(
        lambda: send_mail(
            f"{settings.ACCOUNT_EMAIL_SUBJECT_PREFIX}{subject.strip()}",
            body.strip() + "\n",
            None,
            addresses,
        )
    )
    return message


@transaction.atomic
def contact_block(*, user, by, reason: str = "") -> ContactBlock:
    """An editor stops a member from sending contact messages."""
    block, _created = ContactBlock.objects.get_or_create(
        user=user, defaults={"blocked_by": by, "reason": reason}
    )
    return block


def _body_fields(body) -> dict:
    return {body_field_of(body): body}


@transaction.atomic
def change_submit(*, model, instance, body, values: dict, user) -> ChangeRequest:
    """Propose a change of ``instance`` (or a new object of ``model`` when it is None) on
    behalf of ``body``. Only the fields that differ from the published object are kept; a
    change of the same object the member still has waiting is replaced, not duplicated."""
    refusal = edit_refusal(user, body)
    if refusal:
        raise PermissionDenied(refusal)
    spec = spec_for(model)
    if instance is not None:
        instance = model.objects.select_for_update(of=("self",)).get(pk=instance.pk)
    base = snapshot(instance, spec.fields)
    data = {name: value for name, value in values.items() if name in spec.fields}
    if instance is not None:
        data = {name: value for name, value in data.items() if base.get(name) != value}
        base = {name: base[name] for name in data}
    if not data:
        raise ValidationError(
            _("Sie haben nichts geändert: der Vorschlag gleicht dem veröffentlichten Stand."),
            code="unchanged",
        )
    content_type = ContentType.objects.get_for_model(model)
    change = (
        ChangeRequest.objects.pending()
        .select_for_update()
        .filter(
            content_type=content_type,
            object_id=instance.pk if instance is not None else None,
            proposed_by=user,
            **_body_fields(body),
        )
        .first()
        if instance is not None
        else None
    )
    if change is None:
        change = ChangeRequest(
            content_type=content_type,
            object_id=instance.pk if instance is not None else None,
            proposed_by=user,
            **_body_fields(body),
        )
    change.title = (
        str(instance)
        if instance is not None
        else _("Neu: %(title)s") % {"title": values.get("title") or model._meta.verbose_name}
    )
    change.base = base
    change.data = data
    change.full_clean()
    change.save()
    return change


def _review_refusal(change: ChangeRequest) -> None:
    if not change.is_pending:
        raise ValidationError(
            _("Dieser Vorschlag ist schon erledigt (%(status)s).")
            % {"status": change.get_status_display()},
            code="not_pending",
        )


@transaction.atomic
def change_approve(*, change: ChangeRequest, by, comment: str = "") -> models.Model:
    """Apply a waiting change to its object (or create the new object) and publish it; the
    spec's ``on_publish`` sets what publishing means for the model (the profile's "Stand")."""
    change = ChangeRequest.objects.select_for_update().get(pk=change.pk)
    _review_refusal(change)
    model = change.content_type.model_class()
    spec = spec_for(model)
    if change.is_new:
        instance = spec.new_instance(change.body_field, change.body)
    else:
        instance = model.objects.select_for_update(of=("self",)).filter(pk=change.object_id).first()
        if instance is None:
            raise ValidationError(
                _("Das Objekt dieses Vorschlags gibt es nicht mehr."), code="gone"
            )
    relations = apply_values(instance, change.data)
    spec.on_publish(instance)
    publication_stamp(instance)
    instance.full_clean()
    instance.save()
    for name, keys in relations.items():
        getattr(instance, name).set(keys)
    change.object_id = instance.pk
    change.status = ChangeStatus.APPROVED
    change.reviewed_by = by
    change.reviewed_at = timezone.now()
    change.review_comment = comment
    change.save()
    return instance


@transaction.atomic
def change_reject(*, change: ChangeRequest, by, comment: str) -> ChangeRequest:
    """Decline a waiting change; the comment tells the member why."""
    change = ChangeRequest.objects.select_for_update().get(pk=change.pk)
    _review_refusal(change)
    if not comment.strip():
        raise ValidationError(
            {"review_comment": _("Bitte schreiben Sie, warum der Vorschlag abgelehnt wird.")},
            code="comment_required",
        )
    change.status = ChangeStatus.REJECTED
    change.reviewed_by = by
    change.reviewed_at = timezone.now()
    change.review_comment = comment.strip()
    change.save()
    return change


@transaction.atomic
def change_withdraw(*, change: ChangeRequest, user) -> ChangeRequest:
    """The member takes back a change that is still waiting."""
    change = ChangeRequest.objects.select_for_update().get(pk=change.pk)
    if change.proposed_by_id != user.pk:
        raise PermissionDenied
    _review_refusal(change)
    change.status = ChangeStatus.WITHDRAWN
    change.save(update_fields=["status"])
    return change


# The network of municipalities.


def _same_body(one, other) -> bool:
    return type(one) is type(other) and one.pk == other.pk


def _sides(prefix: str, body) -> dict:
    return {f"{prefix}_{body_field_of(body)}": body}


def relation_propose(
    *,
    user,
    body,
    partner,
    kind: str,
    body_is_source: bool = True,
    description: str = "",
    solution=None,
    site_url: str = "",
) -> BodyRelation:
    """A maintainer of ``body`` proposes a relation with ``partner``; it is public once a
    maintainer of the partner or an editor confirms it. For the directed kinds
    ``body_is_source`` says whether ``body`` gave (the model, the solution) or took."""
    refusal = edit_refusal(user, body)
    if refusal:
        raise PermissionDenied(refusal)
    if _same_body(body, partner):
        raise ValidationError(
            {"partner": _("Eine Stelle kann nicht mit sich selbst verbunden werden.")}
        )
    if getattr(partner, "dissolved_on", None) is not None:
        raise ValidationError(
            {
                "partner": _("%(body)s ist aufgelöst und kann keine Verbindung bestätigen.")
                % {"body": partner}
            }
        )
    if kind == RelationKind.ADOPTION and solution is None:
        raise ValidationError(
            {"solution": _("Bitte nennen Sie das Praxisbeispiel, dessen Lösung übernommen wurde.")}
        )
    if solution is not None and type(solution) not in solution_models():
        raise ValidationError({"solution": _("Als Lösung kann nur ein Praxisbeispiel gelten.")})
    if kind not in DIRECTED_KINDS:
        body_is_source = True
    source, target = (body, partner) if body_is_source else (partner, body)
    relation = BodyRelation(
        kind=kind,
        description=description.strip(),
        proposed_by=user,
        proposed_by_source=body_is_source,
        **_sides("source", source),
        **_sides("target", target),
    )
    if solution is not None:
        relation.solution = solution
    relation.full_clean()
    with transaction.atomic():
        # One open relation of a kind per pair of bodies (and per solution), whichever side
        # proposed it; locking the proposer's membership serialises a form sent twice.
        Membership.objects.select_for_update().filter(
            user=user, **{body_field_of(body): body}
        ).first()
        pair = (
            BodyRelation.objects.filter(kind=kind)
            .exclude(status=RelationStatus.DECLINED)
            .filter(
                Q(**_sides("source", source), **_sides("target", target))
                | Q(**_sides("source", target), **_sides("target", source))
            )
        )
        if kind == RelationKind.ADOPTION:
            pair = pair.filter(
                solution_type=relation.solution_type, solution_id=relation.solution_id
            )
        if pair.exists():
            raise ValidationError(
                _("Diese Verbindung ist schon eingetragen oder wartet auf Bestätigung."),
                code="duplicate",
            )
        relation.save()
    _notify_relation_proposed(
        relation, answering=target if body_is_source else source, site_url=site_url
    )
    return relation


def _notify_relation_proposed(relation: BodyRelation, *, answering, site_url: str) -> None:
    """Tell the maintainers of the side that confirms (the editors if it has none)."""
    recipients = [
        membership.user
        for membership in Membership.objects.maintainers()
        .filter(user__is_active=True, **{body_field_of(answering): answering})
        .exclude(user__email="")
        .select_related("user")
    ]
    to_editors = not recipients
    if to_editors:
        recipients = list(editors())
    body = render_to_string(
        "members/email/relation_proposed.txt",
        {
            "relation": relation,
            "answering": answering,
            "to_editors": to_editors,
            "account_url": f"{site_url}{reverse('members:account')}#netzwerk",
            "PORTAL_NAME": settings.PORTAL_NAME,
        },
    )
    for recipient in recipients:
        EmailMessage(
            subject=f"{settings.ACCOUNT_EMAIL_SUBJECT_PREFIX}"
            + _("Verbindung im Netzwerk vorgeschlagen"),
            body=body.strip() + "\n",
            from_email=settings.DEFAULT_FROM_EMAIL,
            to=[recipient.email],
        ).send()


def _decide_relation(relation: BodyRelation, by, status: str) -> BodyRelation:
    with transaction.atomic():
        relation = BodyRelation.objects.select_for_update().get(pk=relation.pk)
        if relation.status != RelationStatus.PROPOSED:
            raise ValidationError(_("Über diese Verbindung ist schon entschieden."), code="decided")
        if not may_decide_relation(relation, by):
            raise PermissionDenied(
                _(
                    "Bestätigen oder ablehnen können nur Mitglieder, die die Inhalte der "
                    "anderen Stelle pflegen, und die Redaktion."
                )
            )
        relation.status = status
        relation.decided_by = by
        if status == RelationStatus.CONFIRMED:
            relation.confirmed_at = timezone.now()
        relation.save()
    return relation


def relation_confirm(*, relation: BodyRelation, by) -> BodyRelation:
    """The other side (or an editor) confirms: the relation becomes public."""
    return _decide_relation(relation, by, RelationStatus.CONFIRMED)


def relation_decline(*, relation: BodyRelation, by) -> BodyRelation:
    """The other side (or an editor) declines: the relation stays unpublished."""
    return _decide_relation(relation, by, RelationStatus.DECLINED)


def relation_remove(*, relation: BodyRelation, by) -> None:
    """A maintainer of either side (or an editor) withdraws a proposal or ends a relation;
    partners who mirror the network receive a tombstone."""
    if not may_remove_relation(relation, by):
        raise PermissionDenied(
            _(
                "Entfernen können nur Mitglieder, die die Inhalte einer der beiden Stellen "
                "pflegen, und die Redaktion."
            )
        )
    relation.delete()
