"""The add-articles form: each submission is handed off exactly once, even when the run that
saw the button's trigger was interrupted before reaching the hand-off."""
from __future__ import annotations

from dataclasses import dataclass

from geo.inbox import Inbox, submission_key
from geo.jobs import Job

TEXT = "Drone debris falls on Odesa port\nThe mayor said that debris damaged a warehouse.\n"


@dataclass
class FakeFile:
    name: str
    data: bytes
    file_id: str

    @property
    def size(self) -> int:
        return len(self.data)

    def getvalue(self) -> bytes:
        return self.data


class Starts:
    """Records hand-offs; each job stays unfinished until ``finish`` is called."""

    def __init__(self):
        self.jobs: list[Job] = []

    def __call__(self, batch) -> Job:
        job = Job("Adding articles")
        job.batch = batch
        self.jobs.append(job)
        return job

    def finish(self):
        for job in self.jobs:
            job.finish(result=(1, 0))


def opened(start) -> Inbox:
    """A session's inbox after its first run (an empty form)."""
    box = Inbox()
    assert box.take(False, [], "", {}, start) == ""
    return box


def test_the_trigger_hands_off_once_and_later_runs_do_not_again():
    start = Starts()
    box = opened(start)
    assert box.take(True, [], TEXT, {}, start) == "new"
    for _ in range(3):  # reruns: the form keeps its submitted values, the trigger is gone
        assert box.take(False, [], TEXT, {}, start) == ""
    assert len(start.jobs) == 1
    assert [a.title for a in start.jobs[0].batch.articles] == ["Drone debris falls on Odesa port"]
    assert box.last.job is start.jobs[0]


def test_a_submission_whose_trigger_was_lost_is_still_handed_off():
    start = Starts()
    box = opened(start)
    # The submit's run was interrupted before the form; the next run has the values, no trigger.
    assert box.take(False, [], TEXT, {}, start) == "new"
    assert box.take(False, [], TEXT, {}, start) == ""
    assert len(start.jobs) == 1


def test_values_that_come_back_after_the_clear_are_not_a_second_submission():
    start = Starts()
    box = opened(start)
    assert box.take(True, [], TEXT, {}, start) == "new"
    assert box.take(False, [], "", {}, start) == ""  # the form cleared on submit
    assert box.take(False, [], TEXT, {}, start) == ""  # an interrupted clear: the browser sends them again
    assert len(start.jobs) == 1


def test_a_double_click_while_the_job_runs_is_one_submission_and_a_later_resend_is_another():
    start = Starts()
    box = opened(start)
    box.take(True, [], TEXT, {}, start)
    assert box.take(True, [], TEXT, {}, start) == ""
    start.finish()
    assert box.take(True, [], TEXT, {}, start) == "new"  # sent again on purpose: "already stored"
    assert len(start.jobs) == 2


def test_an_empty_submit_is_reported_and_starts_nothing():
    start = Starts()
    box = opened(start)
    assert box.take(True, [], "  \n", {}, start) == "empty"
    assert start.jobs == [] and box.last is None


def test_a_new_session_does_not_resend_what_its_browser_still_holds():
    start = Starts()
    box = Inbox()
    assert box.take(False, [], TEXT, {}, start) == ""  # e.g. reconnected after a server restart
    assert start.jobs == []


def test_unreadable_files_are_reported_without_a_job():
    start = Starts()
    box = opened(start)
    bad = FakeFile("bad.txt", b"\x89PNG\r\n\x1a\n\x00\x00binary", "f1")
    assert box.take(True, [bad], "", {}, start) == "new"
    assert start.jobs == [] and box.last.job is None
    assert any("bad.txt" in e for e in box.last.batch.errors)


def test_the_key_follows_every_field_and_each_chosen_file():
    base = submission_key([], TEXT, {})
    assert base == submission_key([], TEXT, {})
    assert submission_key([], "", {}) is None and submission_key([], " ", {"outlet": "X"}) is None
    assert submission_key([], TEXT, {"outlet": "X"}) != base
    one = submission_key([FakeFile("a.txt", b"x", "id1")], "", {})
    assert one != submission_key([FakeFile("a.txt", b"x", "id2")], "", {})  # chosen again


def test_a_refused_submission_is_reported_until_the_next_one():
    box = Inbox()
    meta = {"outlet": None}
    assert box.refuse(True, [], "Headline\nBody text here.", meta)
    assert box.refuse(False, [], "Headline\nBody text here.", meta)  # a later run still says so
    assert not box.refuse(False, [], None, meta)  # the form emptied: nothing to report
