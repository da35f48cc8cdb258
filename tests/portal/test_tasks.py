"""Background tasks: retried on errors, and what fails for good is kept for the editors,
who see it in the admin and run it again."""

import pytest
from celery import shared_task
from django.core.management import call_command

from portal.models import TaskFailure

pytestmark = pytest.mark.django_db
ATTEMPTS = []


@shared_task(name="tests.always_fails")
def always_fails(number):
    ATTEMPTS.append(number)
    raise ConnectionError("unreachable")


@shared_task(name="tests.fails_once")
def fails_once(number):
    ATTEMPTS.append(number)
    if len(ATTEMPTS) == 1:
        raise ConnectionError("unreachable")
    return number


def test_a_task_is_retried_and_its_final_failure_recorded():
    ATTEMPTS.clear()
    always_fails.delay(7)
    assert len(ATTEMPTS) == 1 + always_fails.max_retries
    failure = TaskFailure.objects.get()
    assert (failure.task_name, failure.args) == ("tests.always_fails", [7])
    assert failure.exception == "ConnectionError: unreachable"
    assert failure.retried_at is None


def test_a_task_that_succeeds_on_retry_leaves_no_failure():
    ATTEMPTS.clear()
    fails_once.delay(3)
    assert ATTEMPTS == [3, 3]
    assert not TaskFailure.objects.exists()


def test_editors_see_failures_in_the_admin_and_run_them_again(editor_client, capsys):
    failure = TaskFailure.objects.create(task_name="tests.fails_once", args=[5])
    page = editor_client.get("/admin/portal/taskfailure/")
    assert page.status_code == 200 and "tests.fails_once" in page.content.decode()
    ATTEMPTS.clear()
    ATTEMPTS.append(0)  # the next attempt succeeds
    response = editor_client.post(
        "/admin/portal/taskfailure/",
        {"action": "retry", "_selected_action": [failure.pk]},
    )
    assert response.status_code == 302
    assert ATTEMPTS == [0, 5]
    failure.refresh_from_db()
    assert failure.retried_at is not None

    call_command("failed_tasks")
    assert "Keine fehlgeschlagenen Aufgaben." in capsys.readouterr().out


def test_the_command_lists_and_reruns_failures(capsys):
    failure = TaskFailure.objects.create(task_name="tests.fails_once", args=[9], exception="X")
    call_command("failed_tasks")
    assert f"{failure.pk}\t" in capsys.readouterr().out
    ATTEMPTS.clear()
    ATTEMPTS.append(0)
    call_command("failed_tasks", "--retry", str(failure.pk))
    assert ATTEMPTS == [0, 9]
    with pytest.raises(Exception, match="Keine fehlgeschlagene Aufgabe"):
        call_command("failed_tasks", "--retry", "999999")


def test_anonymous_and_plain_users_do_not_see_failures(client, user_client):
    assert client.get("/admin/portal/taskfailure/").status_code == 302
    assert user_client.get("/admin/portal/taskfailure/").status_code == 302
