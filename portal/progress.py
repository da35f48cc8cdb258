"""Progress of long imports and generators: a bar on a terminal, one line per phase
elsewhere (a log, CI)."""

import time

from django.core.management.base import OutputWrapper


class Progress:
    """``with progress.phase("Gemeinden", total) as step: … step(n)``. On a terminal the
    phase redraws a bar in place; otherwise it writes one line when the phase ends, with the
    count and the time. ``stdout`` None: silent."""

    WIDTH = 30

    def __init__(self, stdout=None):
        self.stdout = stdout
        isatty = getattr(stdout, "isatty", None)
        self.bar = bool(isatty and isatty())

    def phase(self, label: str, total: int | None = None):
        return _Phase(self, label, total)

    def write(self, text: str, ending: str = "\n") -> None:
        if self.stdout is None:
            return
        if isinstance(self.stdout, OutputWrapper):
            # A command's output adds its own line ending unless told otherwise.
            self.stdout.write(text, ending=ending)
        else:
            self.stdout.write(text + ending)
        flush = getattr(self.stdout, "flush", None)
        if flush:
            flush()


class _Phase:
    def __init__(self, progress: Progress, label: str, total: int | None):
        self.progress, self.label, self.total = progress, label, total
        self.done = 0
        self.started = time.perf_counter()

    def __enter__(self):
        return self.step

    def step(self, count: int = 1) -> None:
        self.done += count
        if self.progress.bar and self.total:
            filled = round(Progress.WIDTH * min(self.done, self.total) / self.total)
            bar = "#" * filled + "-" * (Progress.WIDTH - filled)
            self.progress.write(f"\r{self.label}: [{bar}] {self.done}/{self.total}", ending="")

    def __exit__(self, *exc):
        seconds = time.perf_counter() - self.started
        count = f" {self.done}" if self.done else ""
        if self.progress.bar and self.total:
            self.progress.write("")
        self.progress.write(f"{self.label}:{count} ({seconds:.1f} s)")
        return False
