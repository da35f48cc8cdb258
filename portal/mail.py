"""E-mails built from templates: multipart (text and HTML), in the recipient's language,
from the portal's sender, with a Reply-To where a person should get the answer.

A message ``<name>`` has three templates: ``<name>_subject.txt`` (one line),
``<name>.txt`` and ``<name>.html``; the HTML one usually extends ``portal/email/base.html``.
"""

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.utils import translation


def absolute_url(path: str) -> str:
    """The portal's address (``PORTAL_URL``) with ``path``, for links in e-mails."""
    if path.startswith(("http://", "https://")):
        return path
    return f"{settings.PORTAL_URL}{path}"


def build_mail(
    template: str,
    context: dict,
    *,
    to: list[str],
    language: str = "",
    reply_to: list[str] | None = None,
    headers: dict | None = None,
    attachments: list[tuple[str, bytes | str, str]] = (),
) -> EmailMultiAlternatives:
    """The e-mail ``template`` rendered with ``context`` in ``language`` (default: German)."""
    context = {
        "PORTAL_NAME": settings.PORTAL_NAME,
        "PORTAL_URL": settings.PORTAL_URL,
        **context,
    }
    with translation.override(language or settings.LANGUAGE_CODE):
        subject = render_to_string(f"{template}_subject.txt", context)
        text = render_to_string(f"{template}.txt", context)
        html = render_to_string(f"{template}.html", context)
    message = EmailMultiAlternatives(
        subject=settings.ACCOUNT_EMAIL_SUBJECT_PREFIX + " ".join(subject.split()),
        body=text.strip() + "\n",
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=to,
        reply_to=reply_to,
        headers=headers,
    )
    message.attach_alternative(html, "text/html")
    for filename, content, mimetype in attachments:
        message.attach(filename, content, mimetype)
    return message


def send_mail_template(template: str, context: dict, **kwargs) -> int:
    """Build and send one e-mail (see ``build_mail``); returns the number sent (0 or 1)."""
    return build_mail(template, context, **kwargs).send()
