"""Reads of the members app: a member's memberships, the requests they may confirm, and
everything the portal holds about a member (DSGVO Art. 15)."""

from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.db.models import Q
from django.utils.translation import gettext as _

from cities.models import HOLDERS, Association, District, Municipality
from members.choices import ChangeStatus, MembershipRole, MembershipStatus, RelationStatus
from members.models import (
    BODY_FIELDS,
    BodyRelation,
    ChangeRequest,
    ContactBlock,
    ContactMessage,
    DirectoryEntry,
    Membership,
    PartnerOrganisation,
)
from members.querysets import involving_q, is_verified_member
from portal.registry import project_modules
from portal.roles import EDITOR_GROUP


def memberships_of(user):
    return (
        Membership.objects.filter(user=user).select_related(*BODY_FIELDS).order_by("-requested_at")
    )


def requests_to_confirm(user):
    """Waiting memberships of the bodies where ``user`` is a verified member: members may
    confirm members, maintainers also maintainers."""
    conditions = Q()
    for membership in (
        Membership.objects.verified()
        .filter(user=user)
        .only(*[f"{name}_id" for name in BODY_FIELDS], "role")
    ):
        same_body = Q(**membership.body_filter())
        if membership.role != MembershipRole.MAINTAINER:
            same_body &= Q(role=MembershipRole.MEMBER)
        conditions |= same_body
    if not conditions:
        return Membership.objects.none()
    return (
        Membership.objects.pending()
        .filter(conditions)
        .exclude(user=user)
        .select_related("user", *BODY_FIELDS)
        .order_by("requested_at")
    )


def body_label(membership) -> str:
    body = membership.body
    return f"{body} ({body._meta.verbose_name})" if body is not None else "–"


def member_data(user) -> dict:
    """Everything the portal holds about a member, as plain data for the page and the JSON
    export (DSGVO Art. 15 and 20)."""
    from allauth.account.models import EmailAddress

    return {
        "account": {
            "username": user.username,
            "first_name": user.first_name,
            "last_name": user.last_name,
            "email": user.email,
            "date_joined": user.date_joined.isoformat(),
            "last_login": user.last_login.isoformat() if user.last_login else None,
        },
        "email_addresses": [
            {"email": address.email, "verified": address.verified, "primary": address.primary}
            for address in EmailAddress.objects.filter(user=user).order_by("email")
        ],
        "memberships": [
            {
                "body": body_label(membership),
                "body_kind": membership.body_field,
                "role": membership.role,
                "status": membership.status,
                "verification": membership.verification or None,
                "requested_at": membership.requested_at.isoformat(),
                "verified_at": membership.verified_at.isoformat()
                if membership.verified_at
                else None,
            }
            for membership in memberships_of(user)
        ],
        "memberships_confirmed_for_others": Membership.objects.filter(verified_by=user).count(),
        # The recipients are left out: the sender never learns their addresses.
        "contact_messages_sent": [
            {
                "about_kind": message.about_kind,
                "about_title": message.about_title,
                "about_url": message.about_url,
                "subject": message.subject,
                "text": message.text,
                "created_at": message.created_at.isoformat(),
                "delivered_count": message.delivered_count,
            }
            for message in ContactMessage.objects.filter(sender=user).order_by("-created_at")
        ],
        "directory_entry": directory_entry_data(user),
        "relations": [
            {
                "relation": str(relation),
                "kind": relation.kind,
                "status": relation.status,
                "proposed_by_me": relation.proposed_by_id == user.pk,
                "proposed_at": relation.proposed_at.isoformat(),
            }
            for relation in BodyRelation.objects.filter(Q(proposed_by=user) | Q(decided_by=user))
            .with_bodies()
            .order_by("-proposed_at")
        ],
        "changes_proposed": [
            {
                "about": change.title,
                "kind": change.content_type.model,
                "status": change.status,
                "proposed_at": change.proposed_at.isoformat(),
                "reviewed_at": change.reviewed_at.isoformat() if change.reviewed_at else None,
                "review_comment": change.review_comment,
                "values": change.data,
            }
            for change in change_requests_of(user)
        ],
        # What other apps hold about the member (``<app>/accountlinks.py``: ``member_data``).
        **{
            key: value
            for module in project_modules("accountlinks")
            if hasattr(module, "member_data")
            for key, value in module.member_data(user).items()
        },
    }


def directory_entry_data(user) -> dict | None:
    """The member's entry in "Wer macht was" as they set it, or None."""
    entry = DirectoryEntry.objects.filter(user=user).prefetch_related("themes").first()
    if entry is None:
        return None
    return {
        "listed": entry.listed,
        "show_name": entry.show_name,
        "role": entry.role or None,
        "role_title": entry.role_title,
        "show_bodies": entry.show_bodies,
        "themes": [theme.slug for theme in entry.themes.all()],
        "show_projects": entry.show_projects,
        "updated_at": entry.updated_at.isoformat(),
    }


def display_name(user) -> str:
    """How the portal names a member to themselves: the e-mail address."""
    return user.email or user.get_username()


# The register's kinds and partner organisations in contact addresses: /konto/kontakt/<kind>/<key>/.
CONTACT_BODY_KINDS = {
    "kommune": ("municipality", Municipality, "ags"),
    "gemeindeverband": ("association", Association, "key"),
    "kreis": ("district", District, "key"),
    "organisation": ("organisation", PartnerOrganisation, "slug"),
}


def body_field_of(body) -> str:
    """The ``BODY_FIELDS`` name for a body object."""
    for field, model, _key in CONTACT_BODY_KINDS.values():
        if isinstance(body, model):
            return field
    raise TypeError(f"not a body: {body!r}")


def contact_body_path_kwargs(body) -> dict:
    """The URL arguments of ``members:contact_body`` for a body."""
    for kind, (_field, model, key) in CONTACT_BODY_KINDS.items():
        if isinstance(body, model):
            return {"kind": kind, "key": getattr(body, key)}
    raise TypeError(f"not a body: {body!r}")


def editors():
    """The centre's active editors with an address: they receive what no body's maintainer
    can."""
    return (
        get_user_model()
        .objects.filter(groups__name=EDITOR_GROUP, is_active=True)
        .exclude(email="")
        .distinct()
    )


def body_contact_recipients(body) -> tuple[list, bool]:
    """Who receives a message to ``body``: its verified maintainers, or the editors (and
    True) when it has none."""
    maintainers = list(
        get_user_model()
        .objects.filter(
            is_active=True,
            memberships__in=Membership.objects.maintainers().filter(**{body_field_of(body): body}),
        )
        .exclude(email="")
        .distinct()
    )
    if maintainers:
        return maintainers, False
    return list(editors()), True


def contactable_member(pk: int):
    """The member ``pk`` if others may write to them: active, with a verified membership.
    None otherwise."""
    return (
        get_user_model()
        .objects.filter(pk=pk, is_active=True, memberships__status=MembershipStatus.VERIFIED)
        .exclude(email="")
        .first()
    )


def member_public_label(user) -> str:
    """How a member is named to someone writing to them: the name they gave and their
    bodies, never their address."""
    bodies = ", ".join(
        str(membership.body)
        for membership in memberships_of(user).filter(status=MembershipStatus.VERIFIED)
    )
    name = f"{user.first_name} {user.last_name}".strip() or _("Ein Mitglied")
    return f"{name} ({bodies})" if bodies else name


def contact_refusal(user) -> str | None:
    """Why ``user`` may not send contact messages, or None when they may."""
    if user is None or not user.is_authenticated or not user.is_active:
        return _("Bitte melden Sie sich an, um eine Nachricht zu senden.")
    if ContactBlock.objects.filter(user=user).exists():
        return _(
            "Die Redaktion hat Ihr Konto für Nachrichten über das Portal gesperrt. Bitte "
            "wenden Sie sich an die Redaktion, wenn Sie das für einen Irrtum halten."
        )
    if not is_verified_member(user):
        return _(
            "Nachrichten über das Portal können nur Mitglieder senden, deren Zugehörigkeit zu "
            "einer Stelle bestätigt ist."
        )
    return None


# The register's bodies whose content maintainers edit in the public site, by the word in
# the address (as for "Kontakt aufnehmen").
REGISTER_BODY_KINDS = {
    kind: entry for kind, entry in CONTACT_BODY_KINDS.items() if kind != "organisation"
}


def register_body(kind: str, key: str):
    """The body of the register named by an address (``kommune``/``08111000``), or None."""
    if kind not in REGISTER_BODY_KINDS:
        return None
    _field, model, key_field = REGISTER_BODY_KINDS[kind]
    return model.objects.filter(**{key_field: key}).first()


def edit_refusal(user, body) -> str | None:
    """Why ``user`` may not change the content of ``body``, or None when they may: only
    verified maintainers of that very body may."""
    if user is None or not user.is_authenticated or not user.is_active:
        return _("Bitte melden Sie sich an.")
    memberships = Membership.objects.filter(user=user, **{body_field_of(body): body})
    membership = memberships.only("status", "role").first()
    if membership is None:
        return _(
            "Die Inhalte einer Stelle pflegen nur ihre Mitglieder mit der Rolle „Pflegt die "
            "Inhalte“. Sie gehören %(body)s nicht an."
        ) % {"body": body}
    if not membership.is_verified:
        return _(
            "Ihre Zugehörigkeit zu %(body)s ist noch nicht bestätigt. Sobald die Redaktion oder "
            "eine Kollegin oder ein Kollege sie bestätigt, können Sie die Inhalte pflegen."
        ) % {"body": body}
    if not membership.is_maintainer:
        return _(
            "Sie gehören %(body)s als Mitglied an. Die Inhalte pflegen Mitglieder mit der Rolle "
            "„Pflegt die Inhalte“; diese Rolle können Sie bei Ihrer Stelle beantragen."
        ) % {"body": body}
    return None


def maintained_bodies(user) -> list[dict]:
    """The bodies of the register whose content ``user`` maintains: each with its profile
    (or None) and the address arguments of its edit pages."""
    bodies = []
    for membership in (
        Membership.objects.maintainers()
        .filter(user=user, organisation__isnull=True)
        .select_related(*[f"{name}__profile" for name in HOLDERS])
    ):
        body = membership.body
        path = contact_body_path_kwargs(body)
        bodies.append(
            {
                "body": body,
                "profile": getattr(body, "profile", None),
                "path": path,
                # What other apps offer for the body (its projects: ``<app>/account.py``).
                "links": [
                    link
                    for module in project_modules("account")
                    for link in module.content_links(body, path)
                ],
            }
        )
    return bodies


def change_requests_of(user):
    return (
        ChangeRequest.objects.filter(proposed_by=user)
        .select_related("content_type", *BODY_FIELDS)
        .order_by("-proposed_at")
    )


def directory_entries(viewer):
    """The entries of "Wer macht was" that ``viewer`` may see, ready to be filtered."""
    return DirectoryEntry.objects.visible_to(viewer).select_related("user")


def with_shown_details(entries, viewer) -> list:
    """The entries of one page with what each member chose to show: ``shown_bodies``,
    ``shown_themes`` and ``shown_projects`` (the published projects they maintained through
    the portal). A fixed number of queries for any number of entries."""
    from django.contrib.contenttypes.models import ContentType

    from members.changes import change_specs

    entries = list(entries)
    users = {entry.user_id: entry for entry in entries}
    for entry in entries:
        entry.shown_bodies, entry.shown_themes, entry.shown_projects = [], [], []
    bodies = [entry.user_id for entry in entries if entry.show_bodies]
    for membership in (
        Membership.objects.verified()
        .filter(user_id__in=bodies)
        .select_related(*BODY_FIELDS)
        .order_by("pk")
    ):
        users[membership.user_id].shown_bodies.append(membership.body)
    by_pk = {entry.pk: entry for entry in entries}
    through = DirectoryEntry.themes.through
    for row in (
        through.objects.filter(directoryentry__in=entries)
        .select_related("theme")
        .order_by("theme__name")
    ):
        by_pk[row.directoryentry_id].shown_themes.append(row.theme)
    credited = [spec.model for spec in change_specs().values() if spec.credits_author]
    authors = [entry.user_id for entry in entries if entry.show_projects]
    if not credited or not authors:
        return entries
    types = ContentType.objects.get_for_models(*credited)
    changes = ChangeRequest.objects.filter(
        status=ChangeStatus.APPROVED,
        proposed_by_id__in=authors,
        content_type__in=types.values(),
        object_id__isnull=False,
    ).values_list("proposed_by_id", "content_type_id", "object_id")
    wanted: dict[int, set] = {}
    for author, type_id, object_id in changes:
        wanted.setdefault(type_id, set()).add((author, object_id))
    for model, content_type in types.items():
        pairs = wanted.get(content_type.pk, set())
        visible = model.objects.visible_to(viewer).in_bulk({pk for _a, pk in pairs})
        for author, object_id in sorted(pairs, key=lambda pair: pair[1]):
            if object_id in visible and visible[object_id] not in users[author].shown_projects:
                users[author].shown_projects.append(visible[object_id])
    return entries


# The network of municipalities.


def solution_models() -> list[type]:
    """The models whose objects a relation may name as the solution taken over (projects),
    from the apps' ``network.py``."""
    return [module.SOLUTION_MODEL for module in project_modules("network")]


def find_solution(text: str):
    """The published solution (a project) named by its address or key, or None."""
    for module in project_modules("network"):
        found = module.find_solution(text)
        if found is not None:
            return found
    return None


def may_decide_relation(relation: BodyRelation, user) -> bool:
    """Whether ``user`` may confirm or decline a proposed relation: a maintainer of the side
    that did not propose it, or an editor."""
    if user is None or not user.is_authenticated or not user.is_active:
        return False
    if user.is_staff and user.has_perm("members.change_bodyrelation"):
        return True
    body = relation.target if relation.proposed_by_source else relation.source
    return (
        Membership.objects.maintainers().filter(user=user, **{body_field_of(body): body}).exists()
    )


def may_remove_relation(relation: BodyRelation, user) -> bool:
    """Whether ``user`` may withdraw a proposal or end a relation: a maintainer of either
    side, or an editor."""
    if user is None or not user.is_authenticated or not user.is_active:
        return False
    if user.is_staff and user.has_perm("members.delete_bodyrelation"):
        return True
    condition = Q()
    for side in ("source", "target"):
        body = getattr(relation, side)
        condition |= Q(**{body_field_of(body): body})
    return Membership.objects.maintainers().filter(condition, user=user).exists()


def with_solutions(relations, viewer) -> list[BodyRelation]:
    """The relations, each with ``shown_solution``: its solution where ``viewer`` may see
    it, else None (one query per kind of solution)."""
    relations = list(relations)
    wanted: dict[int, set[int]] = {}
    for relation in relations:
        if relation.solution_type_id is not None:
            wanted.setdefault(relation.solution_type_id, set()).add(relation.solution_id)
    found: dict[tuple[int, int], object] = {}
    for type_id, ids in wanted.items():
        model = ContentType.objects.get_for_id(type_id).model_class()
        for obj in model.objects.visible_to(viewer).filter(pk__in=ids):
            found[(type_id, obj.pk)] = obj
    for relation in relations:
        relation.shown_solution = found.get((relation.solution_type_id, relation.solution_id))
    return relations


def network_relations(viewer):
    """The relations of the network page and API: the confirmed ones, with their bodies."""
    return BodyRelation.objects.visible_to(viewer).confirmed().with_bodies()


def body_relations(body, viewer, *, limit: int | None = None) -> list[BodyRelation]:
    """The confirmed relations of one body, newest first, each with ``partner`` (the other
    side) and ``shown_solution``."""
    field = body_field_of(body)
    relations = network_relations(viewer).involving(field, body)
    if limit is not None:
        relations = relations[:limit]
    relations = with_solutions(relations, viewer)
    for relation in relations:
        side = relation.side_of(field, body.pk)
        relation.partner = relation.target if side == "source" else relation.source
        relation.body_side = side
    return relations


def relations_for_maintainer(user) -> dict:
    """The relations of the bodies ``user`` maintains, for the account page: those the
    other side proposed and that wait for this side's answer, and all others."""
    maintained = {
        (membership.body_field, getattr(membership, f"{membership.body_field}_id"))
        for membership in Membership.objects.maintainers().filter(user=user, organisation=None)
    }
    if not maintained:
        return {"to_decide": [], "others": []}
    condition = Q()
    for field, body_id in maintained:
        condition |= involving_q(field, body_id)
    relations = with_solutions(
        BodyRelation.objects.filter(condition).with_bodies().select_related("proposed_by"), user
    )
    to_decide, others = [], []
    for relation in relations:
        answering = relation.target if relation.proposed_by_source else relation.source
        key = (body_field_of(answering), answering.pk)
        if relation.status == RelationStatus.PROPOSED and key in maintained:
            to_decide.append(relation)
        else:
            others.append(relation)
    return {"to_decide": to_decide, "others": others}
