import random
import time

from core.diff import ADDED, REMOVED, SAME, Segment, word_diff


def test_a_changed_figure_is_one_removed_and_one_added_segment():
    assert word_diff("Đã vận động 5 hộ.", "Đã vận động 7 hộ.") == [
        Segment(SAME, "Đã vận động "), Segment(REMOVED, "5"), Segment(ADDED, "7"), Segment(SAME, " hộ."),
    ]  # fmt: skip


def test_with_spaces_kept_the_segments_give_back_both_texts():
    old = "Kết quả:\n- 12 mô hình  mới\n- 3 thôn"
    new = "Kết quả nổi bật:\n- 14 mô hình mới\n\n- 3 thôn, 2 xã"
    segments = word_diff(old, new)
    assert "".join(s.text for s in segments if s.op != ADDED) == old
    assert "".join(s.text for s in segments if s.op != REMOVED) == new
    assert all(a.op != b.op for a, b in zip(segments, segments[1:], strict=False))


def test_split_at_spaces_joins_each_segments_words_with_one_space():
    assert word_diff("Ủy ban MTTQ tỉnh, xây dựng", "của huyện, xây dựng", keep_spaces=False) == [
        Segment(REMOVED, "Ủy ban MTTQ tỉnh,"), Segment(ADDED, "của huyện,"), Segment(SAME, "xây dựng"),
    ]  # fmt: skip


def test_empty_and_equal_texts():
    assert word_diff("", "") == []
    assert word_diff("", "Mới") == [Segment(ADDED, "Mới")]
    assert word_diff("Như cũ", "Như cũ") == [Segment(SAME, "Như cũ")]
    assert word_diff(None, "Mới") == [Segment(ADDED, "Mới")]


def _long_text(rng, words: int) -> str:
    vocabulary = ["và", "các", "của", "cho", "được", "trong", "người", "dân", "vận", "khéo", "mặt", "trận", "xã", "thôn", "hộ"]
    vocabulary += [f"từ{i}" for i in range(300)]
    chosen = rng.choices(vocabulary, [1 / (i + 1) for i in range(len(vocabulary))], k=words)
    return " ".join(w + (".\n" if i % 60 == 59 else "") for i, w in enumerate(chosen))


def test_two_4000_word_texts_are_compared_quickly():
    rng = random.Random(16)
    old = _long_text(rng, 4000)
    words = old.split(" ")
    edited = " ".join(words[:150] + ["thêm", "một", "câu"] + words[150:2000] + ["sửa"] + words[2001:3900] + words[3910:])
    unrelated = _long_text(rng, 4000)
    rewritten = " ".join(f"chữ{i}" for i in range(4000))
    for new in (edited, unrelated, rewritten):
        for keep_spaces in (True, False):
            started = time.perf_counter()
            segments = word_diff(old, new, keep_spaces=keep_spaces)
            assert time.perf_counter() - started < 2, (new[:20], keep_spaces)
            sep = "" if keep_spaces else " "
            assert sep.join(s.text for s in segments if s.op != ADDED) == old
            assert sep.join(s.text for s in segments if s.op != REMOVED) == new
    # A few edits in a long text still show as a few edits, not the whole text replaced.
    changed = [s for s in word_diff(old, edited) if s.op != SAME]
    assert sum(len(s.text) for s in changed) < 200


def test_texts_of_distinct_words_with_spaces_between_stay_bounded():
    """The worst case of the plain comparison: every space matches every other space (5 s for 500 words)."""
    old = " ".join(f"cũ{i}" for i in range(600))
    new = " ".join(f"mới{i}" for i in range(600))
    started = time.perf_counter()
    segments = word_diff(old, new)
    assert time.perf_counter() - started < 2
    assert "".join(s.text for s in segments if s.op != ADDED) == old
