"""The versions page reads the differences computed once per version (issue 16, finding 4): viewing
it never compares texts again, however long the sections the form allows."""

import random
import time

import pytest
import time_machine
from django.urls import reverse

import core.diff
import reports.diff
from reports import services
from reports.models import NARRATIVE_MAX, SECTION_KEYS, ReportVersion
from reports.tests.factories import local, make_report

# ~3,000 distinct words: the kind of text that costs the comparison most (see core/diff.py).
WORDS = [f"{a}{i}" for a in ["dân", "vận", "khéo", "xã", "thôn", "bản", "hộ", "cán", "bộ", "hội"] for i in range(300)]


def long_text(seed: int, words: int = 4000) -> str:
    rng = random.Random(seed)
    return " ".join(rng.choice(WORDS) for _ in range(words))


def edited(text: str, every: int = 5) -> str:
    words = text.split(" ")
    for i in range(0, len(words), every):
        words[i] = "sửa"
    return " ".join(words)


@pytest.fixture(autouse=True)
def june_2020():
    with time_machine.travel(local(2020, 6, 8, 10, 0), tick=True):
        yield


@pytest.fixture
def count_diffs(monkeypatch):
    """Counts every word diff, whichever name it is called through."""
    calls = []
    real = core.diff.word_diff

    def counting(*args, **kwargs):
        calls.append(1)
        return real(*args, **kwargs)

    monkeypatch.setattr(core.diff, "word_diff", counting)
    monkeypatch.setattr(reports.diff, "word_diff", counting, raising=False)
    return calls


def _versions_url(six, **query):
    url = reverse("reports:report_versions", kwargs={"pk": six.pk, "code": "076"})
    return url + ("?" + "&".join(f"{k}={v}" for k, v in query.items()) if query else "")


@pytest.fixture
def resubmit(six, world, django_capture_on_commit_callbacks):
    """Return the report and send it again with new text; the tasks queued on commit run (the
    comparison of the new version with the one before)."""

    def send(report, narrative):
        report = services.report_return(
            report=report, by=world.users["tuyengiao"], expected_version=report.version, comment="Sửa."
        )
        with django_capture_on_commit_callbacks(execute=True):
            return services.report_submit(
                period=six, unit=report.unit, by=world.users["sonduong"], expected_version=report.version, data=narrative
            )

    return send


def test_versions_page_with_five_long_sections_renders_fast_and_runs_no_diff(six, world, client_for, count_diffs, resubmit):
    first = {key: long_text(i) for i, key in enumerate(SECTION_KEYS)}
    assert all(len(t) <= NARRATIVE_MAX for t in first.values())
    report = make_report(world, "076", status="submitted")
    report = resubmit(report, first)
    resubmit(report, {key: edited(text) for key, text in first.items()})
    assert ReportVersion.objects.filter(report=report).count() == 3
    assert ReportVersion.objects.get(report=report, number=3).changes["against"] == 2  # compared once, when sent
    count_diffs.clear()
    client = client_for("quansat")  # a read-only observer
    for _ in range(2):
        started = time.perf_counter()
        response = client.get(_versions_url(six))
        elapsed = time.perf_counter() - started
        assert response.status_code == 200
        assert elapsed < 1.0, f"versions page took {elapsed:.2f} s"
    assert count_diffs == []  # the difference was computed when the version was sent, not on view
    html = response.content.decode()
    assert "<del>" in html and "<ins>sửa" in html and "có thay đổi" in html


def test_each_pair_of_versions_is_compared_at_most_once(six, world, client_for, count_diffs, resubmit):
    report = make_report(world, "076", status="submitted", text="Đã tổ chức 5 hội nghị.")
    report = resubmit(report, {"results": "Đã tổ chức 7 hội nghị."})
    resubmit(report, {"results": "Đã tổ chức 9 hội nghị."})
    count_diffs.clear()
    client = client_for("tuyengiao")
    # The default page (the last version against the one before) and the first version alone.
    for query in ({}, {"a": 2, "b": 3}, {"b": 1}):
        client.get(_versions_url(six, **query))
    assert count_diffs == []
    # Another pair is compared on its first view only.
    html = client.get(_versions_url(six, a=1, b=3)).content.decode()
    after_first = len(count_diffs)
    assert "<del>5</del><ins>9</ins>" in html.replace("\n", "")
    html = client_for("quansat").get(_versions_url(six, a=1, b=3)).content.decode()
    assert len(count_diffs) == after_first and "<del>5</del><ins>9</ins>" in html.replace("\n", "")


def test_text_in_the_diff_stays_escaped(six, world, client_for, resubmit):
    report = make_report(world, "076", status="submitted", text="Mô hình <b>cũ</b>")
    resubmit(report, {"results": 'Mô hình <script>alert("x")</script> & mới'})
    html = client_for("tuyengiao").get(_versions_url(six)).content.decode()
    assert "<script>alert" not in html and "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in html


def test_a_version_not_compared_yet_is_compared_on_its_first_view_only(six, world, client_for, count_diffs, resubmit):
    report = make_report(world, "076", status="submitted", text="Đã tổ chức 5 hội nghị.")
    resubmit(report, {"results": "Đã tổ chức 7 hội nghị."})
    # The task has not run yet, or the version was loaded in bulk (bench, demo) or sent before.
    ReportVersion.objects.filter(report=report).update(changes=None)
    count_diffs.clear()
    first = client_for("quansat").get(_versions_url(six)).content.decode()
    assert len(count_diffs) == 1 and ReportVersion.objects.get(report=report, number=2).changes["against"] == 1
    second = client_for("tuyengiao").get(_versions_url(six)).content.decode()
    assert len(count_diffs) == 1
    assert "<del>5</del><ins>7</ins>" in first.replace("\n", "") and "<del>5</del><ins>7</ins>" in second.replace("\n", "")
