"""This year's exemplars and articles (campaigns.demo_today), a few, dated by the demo's clock: an
exemplar of Phường Hà Giang 1 recognised by the province and written up in a published article
(with a photo drawn here), an exemplar of Xã Mèo Vạc awaiting the province, and an article of
Phường Minh Xuân in review. Running it twice changes nothing: exemplars are found by (unit, name),
articles by (unit, title)."""

from __future__ import annotations

import datetime as dt

from campaigns.demo_today import notices_at
from publishing.demo import demo_photo
from publishing.figures import exemplar_changed
from publishing.models import Article, Exemplar
from publishing.services import articles as article_services
from publishing.services import exemplars as exemplar_services

# key, unit code (2025 map), nominated by, kind, name, position, achievements, clock fraction of the
# nomination, clock fraction of the province's decision (None: awaiting).
EXEMPLARS = [
    (
        "to7", "00694", "hagiang1", "collective", "Ban công tác Mặt trận tổ 7, phường Hà Giang 1", "",
        "Vận động 168/180 hộ ký cam kết tự quản về an ninh trật tự và vệ sinh môi trường; duy trì 19 buổi tổng vệ sinh; "
        "tổ không có vụ việc phức tạp trong năm.", 0.82, 0.87,
    ),
    (
        "sua", "00769", "meovac", "individual", "Bà Giàng Thị Pà", "Người có uy tín thôn Pả Vi Hạ, xã Mèo Vạc",
        "Vận động 8 hộ cải tạo nhà truyền thống làm du lịch cộng đồng; mở lớp dạy thêu thổ cẩm cho 30 phụ nữ trong thôn.",
        0.9, None,
    ),
]  # fmt: skip
# key, unit, writer, byline, title, summary, paragraphs, exemplars, photo colours, steps (action, clock fraction)
ARTICLES = [
    (
        "to7", "00694", "hagiang1", "Thu Hằng (Ủy ban MTTQ phường Hà Giang 1)",
        "Hà Giang 1: Tổ dân phố tự quản từ những việc nhỏ",
        "Ban công tác Mặt trận tổ 7 đến từng nhà vận động ký cam kết tự quản; sau một năm, tổ sạch đẹp, không có vụ việc "
        "phức tạp về an ninh trật tự.",
        [
            "Tổ 7, phường Hà Giang 1 có 180 hộ, nhiều hộ kinh doanh nhỏ dọc các tuyến phố. Đầu năm, Ban công tác Mặt trận tổ "
            "chọn việc tự quản về an ninh trật tự và vệ sinh môi trường làm mô hình “Dân vận khéo”.",
            "<h2>Đến từng nhà, nói việc cụ thể</h2>",
            "Mỗi thành viên Ban công tác Mặt trận phụ trách một cụm dân cư, đến từng hộ trao đổi về lịch tổng vệ sinh, cách phân "
            "loại rác, số điện thoại của tổ an ninh.",
            "<ul><li>168/180 hộ ký cam kết;</li><li>19 buổi tổng vệ sinh;</li><li>không có vụ việc phức tạp trong năm.</li></ul>",
        ],
        ["to7"], ((60, 120, 90), (210, 190, 120)), [("submit", 0.88), ("publish", 0.9)],
    ),
    (
        "minhxuan", "02215", "minhxuan", "Ngọc Lan (Ủy ban MTTQ phường Minh Xuân)",
        "Minh Xuân: Camera an ninh do dân góp, dân giữ",
        "Nhân dân các tổ dân phố phường Minh Xuân góp tiền lắp camera ở các ngõ, kết nối với Công an phường.",
        ["Bài viết đang chờ Ủy ban MTTQ tỉnh biên tập và duyệt đăng."],
        [], None, [("submit", 0.96)],
    ),
]  # fmt: skip


def _exemplars(ctx) -> dict:
    clock, units, users, campaign = ctx["clock"], ctx["units_today"], ctx["users"], ctx["campaign_today"]
    found = {}
    for key, code, by, kind, name, position, achievements, nominated, decided in EXEMPLARS:
        exemplar = Exemplar.objects.filter(unit=units[code], name=name).first()
        if exemplar is None:
            moment = clock.at(nominated, 10)
            with notices_at(moment):
                exemplar = exemplar_services.exemplar_nominate(
                    data=exemplar_services.ExemplarInput(
                        kind=kind, unit=units[code], name=name, position=position, achievements=achievements,
                        period=str(clock.year), campaign=campaign,
                    ),
                    by=users[by],
                )  # fmt: skip
            Exemplar.objects.filter(pk=exemplar.pk).update(nominated_at=moment, updated_at=moment)
            exemplar_changed(exemplar.unit_id)  # nominated earlier: counted by its date
            if decided is not None:
                moment = clock.at(decided, 15)
                with notices_at(moment):
                    exemplar_services.exemplar_decide(exemplar=exemplar, by=users["tinh"], recognise=True, at=moment)
                Exemplar.objects.filter(pk=exemplar.pk).update(updated_at=moment)
        found[key] = exemplar
    return found


def _article(ctx, entry, exemplars) -> bool:
    key, code, writer_name, byline, title, summary, paragraphs, exemplar_keys, colours, steps = entry
    clock, unit, users = ctx["clock"], ctx["units_today"][code], ctx["users"]
    if Article.objects.filter(unit=unit, title=title).exists():
        return False
    writer, tinh = users[writer_name], users["tinh"]
    body = "".join(p if p.startswith("<") else f"<p>{p}</p>" for p in paragraphs)
    data = article_services.ArticleInput(
        title=title, summary=summary, body=body, byline=byline, exemplars=[exemplars[k] for k in exemplar_keys]
    )
    written = clock.at(steps[0][1] - 0.02, 8)
    with notices_at(written):
        article = article_services.article_create(unit=unit, data=data, by=writer)
        if colours is not None:
            photo = article_services.article_add_photo(
                article=article, uploaded=demo_photo(colours), by=writer, caption=f"Ảnh minh họa: {unit.name}"
            )
            parts = body.split("</p>", 2)
            figure = f'<figure><img src="/tin-tuc/anh/{photo.pk}/" alt="{photo.caption}"><figcaption>{photo.caption}</figcaption></figure>'
            data.body = "</p>".join(parts[:2]) + "</p>" + figure + (parts[2] if len(parts) > 2 else "")
            article.refresh_from_db()
            article_services.article_update(article=article, data=data, by=writer, expected_version=article.version)
    last = written
    for action, fraction in steps:
        moment = clock.at(fraction, 10 if action == "submit" else 8)
        with notices_at(moment):
            if action == "submit":
                article_services.article_submit(article=article, by=writer, at=moment)
            elif action == "publish":
                article_services.article_publish(article=article, by=tinh, at=moment)
        last = moment
    Article.objects.filter(pk=article.pk).update(created_at=written - dt.timedelta(days=1), updated_at=last)
    return True


def load(ctx):
    campaign = ctx.get("campaign_today")
    if campaign is None:
        return None
    exemplars = _exemplars(ctx)
    created = sum(_article(ctx, entry, exemplars) for entry in ARTICLES)
    from publishing import public_cache

    public_cache.bump()
    this_year = Exemplar.objects.filter(campaign=campaign)
    return f"{created} tin, bài mới năm {campaign.year}; {this_year.count()} gương điển hình của năm ({this_year.recognised().count()} được công nhận)."
