"""What each persona gets from each registrations URL (checked by tests/test_access_matrix.py).

Objects belong to Huyện Sơn Dương (076): `nahang` is the outsider, and so is `tantrao` (a commune
below it does not see the district's own records). `canbo` is a cadre of Sơn Dương: she sees her
own tasks only. Approval of a cadre's task is for the district's officer (`sonduong`); a unit's
registration is approved by the level above (`tinh` for the district).
"""

from core.matrix import rule

# Exemplars, articles and public pages ----------------------------------------------------------
# Objects belong to Huyện Sơn Dương (076), written or nominated by its officer `sonduong`:
# `nahang` (another district), `tantrao` (a commune below) and `canbo` (a cadre) do not see them.
# Provincial staff (`tinh`) decide on exemplars and publish articles; the jury's list is for
# `tinh` and the reviewer `tuyengiao`. Public pages answer everyone, signed in or not.


def _exemplar(status):
    def build(world):
        from publishing.tests.factories import make_exemplar

        return {"pk": make_exemplar(world, status=status).pk}

    return build


def _article(status, photo=False):
    def build(world):
        from publishing.tests.factories import make_article

        return {"pk": make_article(world, status=status, photo=photo).pk}

    return build


def _public_slug(world):
    from publishing.tests.factories import make_article

    return {"slug": make_article(world, status="published").slug}


def _public_photo(world):
    from publishing.tests.factories import make_article

    return {"pk": make_article(world, status="published", photo=True).cover_id}


WRITERS_ONLY = {"default": 403, "tinh": 200, "sonduong": 200, "nahang": 200, "tantrao": 200}
SONDUONG_READERS = {"tinh": 200, "tuyengiao": 200, "sonduong": 200, "nahang": 404, "tantrao": 404, "canbo": 404, "quansat": 200}
SONDUONG_WRITER = {"tinh": 200, "tuyengiao": 403, "sonduong": 200, "nahang": 404, "tantrao": 404, "canbo": 404, "quansat": 403}
SONDUONG_WRITER_POST = {**SONDUONG_WRITER, "tinh": 302, "sonduong": 302}
PROVINCE_EDITOR_POST = {
    "tinh": 302,
    "tuyengiao": 403,
    "sonduong": 403,
    "nahang": 404,
    "tantrao": 404,
    "canbo": 404,
    "quansat": 403,
}
JURY = {"default": 403, "tinh": 200, "tuyengiao": 200}

rule("exemplars:list", default=200)
rule("exemplars:create", **WRITERS_ONLY)
rule("exemplars:detail", kwargs=_exemplar("nominated"), **SONDUONG_READERS)
rule("exemplars:edit", kwargs=_exemplar("nominated"), **SONDUONG_WRITER)
rule(
    "exemplars:decide", kwargs=_exemplar("nominated"), method="POST", data=lambda w: {"decision": "recognise"},
    **PROVINCE_EDITOR_POST, note="the province recognises; the nominating district reads the result",
)  # fmt: skip

rule("articles:list", default=200)
rule("articles:create", **WRITERS_ONLY)
rule("articles:contest", **JURY)
rule("articles:contest_export", **JURY)
rule("articles:detail", kwargs=_article("draft"), **SONDUONG_READERS)
rule("articles:edit", kwargs=_article("draft"), **SONDUONG_WRITER)
rule("articles:photo_add", kwargs=_article("draft"), method="POST", data=lambda w: {}, **SONDUONG_WRITER_POST,
     note="without a file nothing is added (the writer is sent back to the form)")  # fmt: skip
rule("articles:submit", kwargs=_article("draft"), method="POST", **SONDUONG_WRITER_POST,
     note="tinh sends it; sonduong then finds it already sent")  # fmt: skip
rule("articles:publish", kwargs=_article("in_review"), method="POST", data=lambda w: {}, **PROVINCE_EDITOR_POST)
rule("articles:return", kwargs=_article("in_review"), method="POST", data=lambda w: {"comment": "Bổ sung ảnh và số liệu."},  # vi-only
     **PROVINCE_EDITOR_POST)  # fmt: skip
rule("articles:unpublish", kwargs=_article("published"), method="POST", data=lambda w: {}, **PROVINCE_EDITOR_POST)
rule(
    "articles:contest_enter", kwargs=_article("draft"), method="POST",
    data=lambda w: {"category": "online", "author_name": "Nguyễn Thị Hoa"}, **SONDUONG_WRITER_POST,  # vi-only
)  # fmt: skip

PUBLIC = {"anonymous": 200, "default": 200}
rule("public:home", **PUBLIC)
rule("public:search", query="q=dan+van+kheo", **PUBLIC)
rule("public:exemplars", **PUBLIC)
rule("public:models", **PUBLIC)
rule("public:feed", **PUBLIC)
rule("public:article", kwargs=_public_slug, **PUBLIC)
rule("public:photo", kwargs=_public_photo, **PUBLIC)
rule("public:photo_thumbnail", kwargs=_public_photo, **PUBLIC)
