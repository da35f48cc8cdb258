"""An e-mail backend whose first send fails: a retry must not send the e-mail twice.

In-process (unit tests) it delivers to Django's test outbox; in the integration pass a
real worker uses it with ``FLAKY_EMAIL_DIR``, writing each e-mail it sends to a file
there and marking the first failure with a file, so that the failure happens once per
run of the worker, whatever process it is in."""

import os
from pathlib import Path

from django.core.mail.backends.locmem import EmailBackend as LocmemBackend


class FlakyBackend(LocmemBackend):
    failed = False

    def send_messages(self, messages):
        directory = os.environ.get("FLAKY_EMAIL_DIR")
        if directory:
            marker = Path(directory) / "failed-once"
            if not marker.exists():
                marker.write_text("1")
                raise ConnectionError("SMTP server not reachable (simulated)")
            for message in messages:
                number = len(list(Path(directory).glob("*.eml")))
                (Path(directory) / f"{number:04d}.eml").write_bytes(message.message().as_bytes())
            return len(messages)
        if not FlakyBackend.failed:
            FlakyBackend.failed = True
            raise ConnectionError("SMTP server not reachable (simulated)")
        return super().send_messages(messages)
