"""The pages of the Digital-Check: the start, one page per dimension, and the result.

Anonymous visitors keep their answers in the session only; members of a body fill in the
body's shared draft, which one of its maintainers submits. Every page works without
JavaScript and is sent ``private, no-store``: it shows one visitor's or one body's answers.
"""

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import TemplateView

from digitalcheck import charts, services
from digitalcheck.forms import DimensionStepForm, SharingForm, SubmitForm
from digitalcheck.models import BODY_FIELDS, Assessment, Questionnaire
from digitalcheck.scoring import score_answers
from digitalcheck.selectors import add_previous, first_steps, peer_groups
from members.models import Membership
from members.selectors import contact_body_path_kwargs, register_body
from portal.exports import csv_response, json_response
from portal.views import private

SESSION_KEY = "digitalcheck"


def session_answers(request, questionnaire) -> dict[int, int]:
    """The anonymous visitor's answers to ``questionnaire`` (those to an older version are
    dropped: its questions are not asked any more)."""
    stored = request.session.get(SESSION_KEY) or {}
    if stored.get("questionnaire") != questionnaire.pk:
        return {}
    return {int(question): value for question, value in stored.get("answers", {}).items()}


def keep_session_answers(request, questionnaire, answers: dict[int, int]) -> None:
    merged = session_answers(request, questionnaire) | answers
    request.session[SESSION_KEY] = {
        "questionnaire": questionnaire.pk,
        "answers": {str(question): value for question, value in merged.items()},
    }


def current_questionnaire() -> Questionnaire:
    questionnaire = services.with_structure(Questionnaire.objects.published()).first()
    if questionnaire is None:
        raise Http404(_("Es ist noch kein Fragebogen veröffentlicht."))
    return questionnaire


class PrivateMixin:
    def render_to_response(self, context, **kwargs):
        return private(super().render_to_response(context, **kwargs))


class StartView(PrivateMixin, TemplateView):
    """What the check is, and where to begin: anonymously or for one of the member's
    bodies (with the state of its draft and its last result)."""

    template_name = "digitalcheck/start.html"

    def get_context_data(self, **kwargs):
        questionnaire = Questionnaire.objects.published().first()
        context = super().get_context_data(questionnaire=questionnaire, **kwargs)
        if questionnaire is None:
            return context
        questionnaire = services.with_structure(Questionnaire.objects).get(pk=questionnaire.pk)
        dimensions = list(questionnaire.dimensions.all())
        context.update(
            questionnaire=questionnaire,
            dimensions=dimensions,
            question_count=sum(len(d.questions.all()) for d in dimensions),
            anonymous_answered=len(session_answers(self.request, questionnaire)),
            bodies=self.member_bodies(),
        )
        return context

    def member_bodies(self) -> list[dict]:
        user = self.request.user
        if not user.is_authenticated:
            return []
        memberships = list(
            Membership.objects.verified()
            .filter(user=user, organisation__isnull=True)
            .select_related(*BODY_FIELDS)
        )
        year = timezone.localdate().year
        bodies = []
        for membership in memberships:
            body = membership.body
            bodies.append(
                {"body": body, "path": contact_body_path_kwargs(body), "draft": None, "last": None}
            )
        if not bodies:
            return []
        by_body = {(entry["body"]._meta.model_name, entry["body"].pk): entry for entry in bodies}
        condition = None
        for membership in memberships:
            filter_ = Assessment.objects.filter(**membership.body_filter())
            condition = filter_ if condition is None else condition | filter_
        for assessment in condition.order_by("year", "submitted_at"):
            body_key = next(
                (getattr(assessment, name)._meta.model_name, getattr(assessment, f"{name}_id"))
                for name in BODY_FIELDS
                if getattr(assessment, f"{name}_id")
            )
            entry = by_body[body_key]
            if assessment.is_submitted:
                entry["last"] = assessment
            elif assessment.year == year:
                entry["draft"] = assessment
        return bodies


class BodyMixin:
    """A page about one body's check: the body from the address, refused unless the visitor
    is one of its verified members."""

    def dispatch(self, request, *args, **kwargs):
        self.body = register_body(kwargs["kind"], kwargs["key"])
        if self.body is None:
            raise Http404(_("Diese Stelle gibt es im Verzeichnis nicht."))
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        refusal = services.take_refusal(request.user, self.body)
        if refusal:
            raise PermissionDenied(refusal)
        return super().dispatch(request, *args, **kwargs)

    @property
    def path_kwargs(self) -> dict:
        return {"kind": self.kwargs["kind"], "key": self.kwargs["key"]}

    @cached_property
    def draft(self) -> Assessment | None:
        return (
            Assessment.objects.drafts()
            .of_body(self.body)
            .filter(year=timezone.localdate().year)
            .first()
        )


class BodyStartView(BodyMixin, View):
    """POST: begin (or resume) this year's draft of the body and go to its first question
    without an answer."""

    def post(self, request, *args, **kwargs):
        try:
            draft = services.assessment_draft(body=self.body, user=request.user)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
            return redirect("digitalcheck:start")
        questionnaire = services.with_structure(Questionnaire.objects).get(
            pk=draft.questionnaire_id
        )
        answers = services.answers_of(draft)
        step = first_open_step(questionnaire.dimensions.all(), answers)
        if step is None:
            return redirect("digitalcheck:draft_result", **self.path_kwargs)
        return redirect("digitalcheck:body_step", step=step, **self.path_kwargs)


def first_open_step(dimensions, answers) -> int | None:
    for number, dimension in enumerate(dimensions, start=1):
        if any(question.pk not in answers for question in dimension.questions.all()):
            return number
    return None


class StepMixin(PrivateMixin):
    """One dimension's questions as a form. ``Weiter`` requires an answer to each; members
    may also keep what they have and come back later."""

    template_name = "digitalcheck/step.html"

    def questionnaire(self) -> Questionnaire:
        raise NotImplementedError

    def stored_answers(self) -> dict[int, int]:
        raise NotImplementedError

    def store(self, answers: dict[int, int]) -> None:
        raise NotImplementedError

    def step_url(self, step: int) -> str:
        raise NotImplementedError

    def result_url(self) -> str:
        raise NotImplementedError

    def setup_step(self):
        self.the_questionnaire = self.questionnaire()
        self.dimensions = list(self.the_questionnaire.dimensions.all())
        self.step = self.kwargs["step"]
        if not 1 <= self.step <= len(self.dimensions):
            raise Http404(_("Diesen Schritt gibt es nicht."))
        self.dimension = self.dimensions[self.step - 1]

    def form(self, data=None):
        return DimensionStepForm(
            data, dimension=self.dimension, initial_answers=self.stored_answers()
        )

    def get(self, request, *args, **kwargs):
        self.setup_step()
        return self.render_to_response(self.get_context_data(form=self.form()))

    def post(self, request, *args, **kwargs):
        self.setup_step()
        form = self.form(request.POST)
        pausing = "pause" in request.POST and self.can_pause
        # Going back or pausing keeps the answers given so far; only "Weiter" needs all.
        if pausing or "previous" in request.POST:
            for field in form.fields.values():
                field.required = False
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(form=form))
        self.store({q: v for q, v in form.answers().items() if v not in (None, "")})
        if pausing:
            messages.success(request, _("Ihre Antworten sind gespeichert."))
            return redirect("digitalcheck:start")
        if "previous" in request.POST and self.step > 1:
            return redirect(self.step_url(self.step - 1))
        if self.step < len(self.dimensions):
            return redirect(self.step_url(self.step + 1))
        return redirect(self.result_url())

    can_pause = False

    def get_context_data(self, **kwargs):
        answers = self.stored_answers()
        steps = [
            {
                "number": number,
                "dimension": dimension,
                "url": self.step_url(number),
                "done": all(q.pk in answers for q in dimension.questions.all()),
                "current": number == self.step,
            }
            for number, dimension in enumerate(self.dimensions, start=1)
        ]
        return super().get_context_data(
            questionnaire=self.the_questionnaire,
            dimension=self.dimension,
            step=self.step,
            steps=steps,
            step_count=len(self.dimensions),
            answered=len(answers),
            question_count=sum(len(d.questions.all()) for d in self.dimensions),
            previous_url=self.step_url(self.step - 1) if self.step > 1 else None,
            is_last=self.step == len(self.dimensions),
            can_pause=self.can_pause,
            **kwargs,
        )


class AnonymousStepView(StepMixin, TemplateView):
    def questionnaire(self):
        return current_questionnaire()

    def stored_answers(self):
        return session_answers(self.request, self.the_questionnaire)

    def store(self, answers):
        keep_session_answers(self.request, self.the_questionnaire, answers)

    def step_url(self, step):
        return reverse("digitalcheck:step", args=[step])

    def result_url(self):
        return reverse("digitalcheck:anonymous_result")


class BodyStepView(BodyMixin, StepMixin, TemplateView):
    can_pause = True

    def setup_step(self):
        if self.draft is None:
            raise Http404(_("Für diese Stelle ist kein Entwurf begonnen."))
        super().setup_step()

    def questionnaire(self):
        return services.with_structure(Questionnaire.objects).get(pk=self.draft.questionnaire_id)

    def stored_answers(self):
        return services.answers_of(self.draft)

    def store(self, answers):
        services.answers_save(assessment=self.draft, answers=answers, user=self.request.user)

    def step_url(self, step):
        return reverse("digitalcheck:body_step", kwargs={"step": step, **self.path_kwargs})

    def result_url(self):
        return reverse("digitalcheck:draft_result", kwargs=self.path_kwargs)

    def get_context_data(self, **kwargs):
        return super().get_context_data(body=self.body, **kwargs)


def result_context(result, *, questionnaire, user, body=None, assessment=None) -> dict:
    previous = add_previous(result, assessment) if assessment is not None else None
    peers = peer_groups(body) if body is not None and assessment is not None else []
    shown = [group for group in peers if group.shown]
    for dimension_result in result.dimensions:
        dimension_result.peer_cells = [group.by_key.get(dimension_result.key) for group in shown]
    return {
        "result": result,
        "questionnaire": questionnaire,
        "previous_score": previous,
        "score_change": (
            result.score - previous if previous is not None and result.score is not None else None
        ),
        "peer_groups": peers,
        "chart": charts.score_chart(result),
        "first_steps": first_steps(result, user=user, body=body),
        "body": body,
        "assessment": assessment,
    }


class AnonymousResultView(PrivateMixin, TemplateView):
    """The result of the answers in the session. Nothing of it is stored."""

    template_name = "digitalcheck/result.html"

    def get_context_data(self, **kwargs):
        questionnaire = current_questionnaire()
        result = score_answers(
            questionnaire.dimensions.all(), session_answers(self.request, questionnaire)
        )
        context = super().get_context_data(**kwargs)
        context.update(
            result_context(result, questionnaire=questionnaire, user=self.request.user),
            anonymous=True,
            first_open=first_open_step(
                questionnaire.dimensions.all(), session_answers(self.request, questionnaire)
            ),
        )
        return context

    def post(self, request, *args, **kwargs):
        """Forget the answers ("Neu beginnen")."""
        request.session.pop(SESSION_KEY, None)
        messages.success(request, _("Ihre Antworten sind gelöscht."))
        return redirect("digitalcheck:start")


class DraftResultView(BodyMixin, PrivateMixin, TemplateView):
    """The preliminary result of the body's draft, and for its maintainers the form that
    submits it."""

    template_name = "digitalcheck/result.html"

    def get_context_data(self, **kwargs):
        if self.draft is None:
            raise Http404(_("Für diese Stelle ist kein Entwurf begonnen."))
        questionnaire = services.with_structure(Questionnaire.objects).get(
            pk=self.draft.questionnaire_id
        )
        result = services.result_of(self.draft, questionnaire)
        context = super().get_context_data(**kwargs)
        context.update(
            result_context(
                result,
                questionnaire=questionnaire,
                user=self.request.user,
                body=self.body,
                assessment=self.draft,
            ),
            draft=self.draft,
            first_open=first_open_step(
                questionnaire.dimensions.all(), services.answers_of(self.draft)
            ),
            submit_refusal=services.submit_refusal(self.request.user, self.body),
            path=self.path_kwargs,
        )
        context.setdefault("submit_form", SubmitForm())
        return context

    def post(self, request, *args, **kwargs):
        form = SubmitForm(request.POST)
        if self.draft is None:
            raise Http404(_("Für diese Stelle ist kein Entwurf begonnen."))
        if form.is_valid():
            try:
                assessment = services.assessment_submit(
                    assessment=self.draft,
                    user=request.user,
                    is_published=form.cleaned_data["is_published"],
                    open_to_contact=form.cleaned_data["open_to_contact"],
                )
            except ValidationError as error:
                for message in error.messages:
                    form.add_error(None, message)
            else:
                messages.success(request, _("Der Digital-Check ist eingereicht."))
                return redirect(assessment)
        return self.render_to_response(self.get_context_data(submit_form=form))


class AssessmentDetailView(PrivateMixin, TemplateView):
    """A submitted check: for everyone when the body published it, else for its members
    and the editors only (``Assessment.objects.visible_to``)."""

    template_name = "digitalcheck/result.html"

    def assessment(self) -> Assessment:
        return get_object_or_404(
            Assessment.objects.visible_to(self.request.user)
            .submitted()
            .select_related(*BODY_FIELDS, *[f"{name}__state" for name in BODY_FIELDS]),
            pk=self.kwargs["pk"],
        )

    def get_context_data(self, **kwargs):
        assessment = self.assessment()
        questionnaire = services.with_structure(Questionnaire.objects).get(
            pk=assessment.questionnaire_id
        )
        result = services.result_of(assessment, questionnaire)
        body = assessment.body
        context = super().get_context_data(**kwargs)
        context.update(
            result_context(
                result,
                questionnaire=questionnaire,
                user=self.request.user,
                body=body,
                assessment=assessment,
            ),
            may_share=services.submit_refusal(self.request.user, body) is None,
        )
        context.setdefault(
            "sharing_form",
            SharingForm(
                initial={
                    "is_published": assessment.is_published,
                    "open_to_contact": assessment.open_to_contact,
                }
            ),
        )
        return context

    def post(self, request, *args, **kwargs):
        assessment = self.assessment()
        form = SharingForm(request.POST)
        if form.is_valid():
            services.assessment_sharing(
                assessment=assessment,
                user=request.user,
                is_published=form.cleaned_data["is_published"],
                open_to_contact=form.cleaned_data["open_to_contact"],
            )
            messages.success(request, _("Ihre Einstellungen sind gespeichert."))
            return redirect(assessment)
        return self.render_to_response(self.get_context_data(sharing_form=form))


class ProfileProposalView(View):
    """POST: a maintainer proposes the check's Atlas criteria for the body's digital
    profile; an editor reviews the change like any other."""

    def post(self, request, pk):
        assessment = get_object_or_404(
            Assessment.objects.visible_to(request.user).submitted(), pk=pk
        )
        try:
            change = services.profile_update_propose(assessment=assessment, user=request.user)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(
                request,
                _(
                    "Die Kriterien aus dem Check warten jetzt als Änderung des Digitalprofils "
                    "auf die Prüfung durch die Redaktion."
                ),
            )
            return redirect("members:change_detail", pk=change.pk)
        return redirect(assessment)


EXPORT_FIELDS = [
    "body",
    "year",
    "questionnaire_version",
    "dimension_key",
    "dimension",
    "target",
    "dimension_score",
    "question_key",
    "question",
    "weight",
    "level",
    "level_description",
    "overall_score",
]


def assessment_export(request, pk, format):
    """A submitted check's answers and scores, one row per question (CSV or JSON), for
    whoever may see the check."""
    if format not in ("csv", "json"):
        raise Http404(_("Diese Form gibt es nicht: csv oder json."))
    assessment = get_object_or_404(
        Assessment.objects.visible_to(request.user)
        .submitted()
        .select_related(*BODY_FIELDS, "questionnaire"),
        pk=pk,
    )
    questionnaire = services.with_structure(Questionnaire.objects).get(
        pk=assessment.questionnaire_id
    )
    answers = services.answers_of(assessment)
    result = score_answers(questionnaire.dimensions.all(), answers)
    rows = []
    for dimension_result in result.dimensions:
        dimension = dimension_result.dimension
        for question in dimension.questions.all():
            level = answers.get(question.pk)
            descriptions = {item.value: item.description for item in question.levels.all()}
            rows.append(
                {
                    "body": str(assessment.body),
                    "year": assessment.year,
                    "questionnaire_version": questionnaire.version,
                    "dimension_key": dimension.key,
                    "dimension": dimension.name,
                    "target": dimension.target,
                    "dimension_score": dimension_result.score,
                    "question_key": question.key,
                    "question": question.text,
                    "weight": question.weight,
                    "level": level,
                    "level_description": descriptions.get(level, ""),
                    "overall_score": result.score,
                }
            )
    filename = f"digital-check-{assessment.year}-{assessment.pk}.{format}"
    if format == "csv":
        response = csv_response(rows, fieldnames=EXPORT_FIELDS, filename=filename)
    else:
        response = json_response(rows, filename=filename)
    return private(response)
