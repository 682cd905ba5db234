"""A session's submissions of the add-articles form, each handed to a background job exactly once.

A run learns that the form was submitted only from the button's one-shot trigger, and
a newer interaction arriving while that run works (a filter, the map component
reporting its first view) interrupts it and the trigger is gone: the paste was
neither added nor reported. The form's values, though, stay in the widget state of
every later run until the next submit (editing the form changes nothing until
then). So a submission is recognised by its values changing as well as by the
trigger, and remembered by their key, so no run hands it off twice.
"""
from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from typing import Callable, Literal

from .jobs import Job
from .upload import UploadBatch, collect

Start = Callable[[UploadBatch], Job]


def submission_key(files: list, pasted: str | None, meta: dict) -> str | None:
    """What the form holds, as a key; None when it holds nothing to add.

    Files are named by their upload id (new for every file chosen), so the key is
    cheap to compute on every run.
    """
    text = pasted if pasted and pasted.strip() else ""
    if not files and not text:
        return None
    parts = [text, repr(sorted(meta.items()))]
    parts += [f"{getattr(f, 'file_id', '')}|{f.name}|{getattr(f, 'size', '')}" for f in files]
    return hashlib.sha1("\x00".join(parts).encode("utf-8")).hexdigest()


@dataclass
class Submission:
    """One submission: what was read from it, and the job storing its articles (None if none)."""

    key: str
    batch: UploadBatch
    job: Job | None = None


@dataclass
class Inbox:
    """Per session (kept in session_state): the last submission, and the key of what the form
    held on the last run. ``fresh`` until its first look at the form."""

    last: Submission | None = None
    seen_key: str | None = None
    fresh: bool = True
    refused: str | None = None  # the key of a submission refused for a wrong or missing write token
    taken: set[str] = field(default_factory=set)  # keys of every submission handed off in this session

    def is_new(self, submitted: bool, key: str | None) -> bool:
        """Does this run carry a submission no earlier run handed off?"""
        if key is None:
            return False
        if self.fresh and not submitted:
            return False  # a new session whose browser still holds an old submission's values
        if key in self.taken and not submitted:
            # the form's values come back after the clear on submit (a run interrupted mid-clear): the
            # same submission, already handed off, not a new one (sending it again needs the button)
            return False
        if key != self.seen_key:
            return True
        running = self.last is not None and self.last.job is not None and not self.last.job.done
        return submitted and not running  # the same content sent again on purpose

    def take(self, submitted: bool, files: list, pasted: str | None, meta: dict,
             start: Start) -> Literal["new", "empty", ""]:
        """Hand a new submission to ``start``, once: "new" if this run did, "empty" for a submit
        of an empty form. No ``st`` call in here, so nothing interrupts the hand-off."""
        key = submission_key(files, pasted, meta)
        new = key is not None and self.is_new(submitted, key)
        if new:
            batch = collect([(f.name, f.getvalue()) for f in files], pasted, meta)
            self.last = Submission(key, batch, start(batch) if batch.articles else None)
            self.taken.add(key)
        self.fresh, self.seen_key = False, key
        return "new" if new else "empty" if submitted and key is None else ""

    def refuse(self, submitted: bool, files: list, pasted: str | None, meta: dict) -> bool:
        """A submission this session may not make (no valid write token): remember it as refused,
        once, like ``take`` would hand it off; True while the form still holds it, so the page can
        say so on every run until the next submission (a run showing it may be interrupted)."""
        key = submission_key(files, pasted, meta)
        if key is not None and self.is_new(submitted, key):
            self.refused = key
        # ``seen_key`` is left alone: the same text sent again with the right token is a new submission.
        self.fresh = False
        return key is not None and key == self.refused
