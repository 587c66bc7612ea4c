"""Demo exemplars and articles: exemplars nominated by districts and communes (recognised, one
not recognised, two awaiting the province), published articles about exemplars and models of
four districts (each with a photo drawn here with Pillow), one article in review, one returned
with the province's comment, and one press contest entry. Dates are in 2020.

The people and places are invented but plausible; no real person's private data. Running the
loader twice changes nothing: exemplars are found again by (unit, name), articles by (unit, title).
"""

import datetime as dt
import io
from zoneinfo import ZoneInfo

from django.core.files.uploadedfile import SimpleUploadedFile

from accounts.models import User
from publishing.figures import exemplar_changed
from publishing.models import Article, ContestEntry, Exemplar
from publishing.services import articles as article_services
from publishing.services import exemplars as exemplar_services

TZ = ZoneInfo("Asia/Ho_Chi_Minh")


def at(day: str, hour: int = 9) -> dt.datetime:
    return dt.datetime.combine(dt.date.fromisoformat(day), dt.time(hour), tzinfo=TZ)


# key, unit, nominated by, kind, name, position, achievements, period, decision (None: awaiting), day
EXEMPLARS = [
    (
        "tanlap",
        "02545",
        "tantrao",
        "collective",
        "Ban công tác Mặt trận thôn Tân Lập, xã Tân Trào",
        "",
        "Vận động 46 hộ tự nguyện hiến trên 2.100 m² đất, góp 1.350 ngày công làm 2,8 km đường bê tông liên thôn; "
        "không có khiếu nại, không phải bồi thường. Thôn đạt chuẩn khu dân cư nông thôn mới kiểu mẫu năm 2020.",
        "2019-2020",
        True,
        "2020-09-15",
    ),
    (
        "xuan",
        "072",
        "nahang",
        "individual",
        "Bà Ma Thị Xuân",
        "Trưởng ban công tác Mặt trận thôn Nà Tông, xã Năng Khả",
        "Mười năm liền vận động bà con người Tày, người Dao giữ vệ sinh môi trường ven hồ thủy điện; lập tổ tự quản "
        "thu gom rác 3 buổi mỗi tuần; thôn không còn hộ đổ rác xuống lòng hồ.",
        "2017-2020",
        True,
        "2020-09-15",
    ),
    (
        "thang",
        "073",
        "chiemhoa",
        "individual",
        "Ông Hoàng Văn Thắng",
        "Người có uy tín thôn Bản Ba, xã Trung Hà",
        "Hiến 600 m² đất vườn làm nhà văn hóa thôn; hòa giải thành 12 vụ mâu thuẫn trong cộng đồng; vận động 15 hộ "
        "chuyển đổi từ ngô sang trồng cam, bưởi, thu nhập tăng gấp đôi.",
        "2018-2020",
        True,
        "2020-10-12",
    ),
    (
        "phunu_yenson",
        "075",
        "yenson",
        "collective",
        "Chi hội Phụ nữ thôn Đồng Trò, xã Trung Môn",
        "",
        "Duy trì mô hình “Ngày thứ Bảy xanh” 104 tuần liên tục; trồng 1,2 km đường hoa; vận động 100% hộ phân loại rác tại nguồn.",
        "2019-2020",
        True,
        "2020-10-12",
    ),
    (
        "men",
        "02545",
        "tantrao",
        "individual",
        "Bà Lương Thị Mến",
        "Chi hội trưởng Chi hội Phụ nữ thôn Cầu Trâm, xã Tân Trào",
        "Vận động 28 hội viên vay vốn phát triển chăn nuôi, 9 hộ thoát nghèo trong 2 năm.",
        "2019-2020",
        None,
        "2020-11-02",
    ),
    (
        "ccb_sonduong",
        "076",
        "sonduong",
        "collective",
        "Chi hội Cựu chiến binh thôn Đồng Bừa, xã Hợp Thành",
        "",
        "Tiên phong chuyển đổi 15 ha đất đồi sang trồng keo và chè; góp 200 ngày công sửa kênh mương nội đồng.",
        "2020",
        None,
        "2020-11-05",
    ),
    (
        "to_tu_quan",
        "072",
        "nahang",
        "collective",
        "Tổ tự quản đường làng thôn Bản Dù",
        "",
        "Tổ chức quét dọn đường làng hằng tuần.",
        "2020",
        False,
        "2020-10-12",
    ),
]
NOT_RECOGNISED_REASON = (
    "Thành tích chưa thật sự nổi bật so với các tổ tự quản khác trong huyện; đề nghị tiếp tục theo dõi năm 2021."
)

# key, unit, writer, byline, title, summary, paragraphs, exemplars, photo colours, steps
ARTICLES = [
    (
        "tanlap", "076", "sonduong", "Thu Hà (Ủy ban MTTQ huyện Sơn Dương)",
        "Tân Trào: “Dân vận khéo” trong vận động hiến đất làm đường giao thông nông thôn",
        "Không họp dài, không hô khẩu hiệu, Ban công tác Mặt trận thôn Tân Lập đến từng nhà, ngồi bên bếp lửa mà bàn. "
        "Kết quả: 46 hộ hiến đất, 2,8 km đường bê tông về tới tận ngõ.",
        [
            "Đầu năm 2020, khi xã Tân Trào triển khai kế hoạch làm đường liên thôn, nhiều hộ ở thôn Tân Lập còn băn khoăn "
            "vì con đường đi qua vườn chè, vườn cây ăn quả đã trồng nhiều năm.",
            "<h2>Đi từng ngõ, gõ từng nhà</h2>",
            "Ban công tác Mặt trận thôn chia nhau phụ trách từng cụm dân cư. Mỗi buổi tối, các thành viên đến nhà từng hộ, "
            "mang theo bản vẽ tuyến đường, nói rõ diện tích mỗi nhà phải hiến, lợi ích của con đường với việc tiêu thụ chè, "
            "đưa đón con em đi học.",
            "<blockquote>“Mình là người trong thôn, hiểu tính từng nhà. Nhà nào còn vướng thì mình ngồi lại, nghe cho hết "
            "rồi mới bàn tiếp”, trưởng ban công tác Mặt trận thôn chia sẻ.</blockquote>",
            "<h2>Kết quả</h2>",
            "<ul><li>46 hộ tự nguyện hiến trên 2.100 m² đất;</li><li>1.350 ngày công lao động của nhân dân;</li>"
            "<li>2,8 km đường bê tông hoàn thành trước kế hoạch 2 tháng.</li></ul>",
            "Ban công tác Mặt trận thôn Tân Lập đã được Ủy ban MTTQ tỉnh công nhận là gương điển hình “Dân vận khéo” năm 2020.",
        ],
        ["tanlap"], ((34, 110, 60), (200, 170, 90)), [("submit", "2020-09-20"), ("publish", "2020-09-22")],
    ),
    (
        "xuan", "072", "nahang", "Văn Nam (Ủy ban MTTQ huyện Na Hang)",
        "Na Hang: Người phụ nữ Tày giữ sạch lòng hồ",
        "Mười năm qua, bà Ma Thị Xuân cùng tổ tự quản thôn Nà Tông đều đặn thu gom rác ven hồ thủy điện, "
        "biến việc giữ gìn môi trường thành nếp sống của cả thôn.",
        [
            "Thôn Nà Tông nằm ven hồ thủy điện Na Hang, nơi mỗi mùa lũ rác từ thượng nguồn lại dạt vào bờ.",
            "Từ năm 2017, bà Xuân đứng ra lập tổ tự quản gồm 12 hội viên phụ nữ, chia lịch thu gom rác ba buổi mỗi tuần, "
            "vận động các hộ làm hố rác gia đình và không đổ rác xuống lòng hồ.",
            "<h2>Từ việc nhỏ thành nếp sống</h2>",
            "Nay 100% hộ trong thôn đã có hố xử lý rác; đường ven hồ sạch đẹp, thu hút du khách đến tham quan, "
            "mở thêm sinh kế cho bà con.",
        ],
        ["xuan"], ((40, 90, 150), (120, 190, 220)), [("submit", "2020-09-25"), ("publish", "2020-09-28")],
    ),
    (
        "thang", "073", "chiemhoa", "Nguyệt Hà (Ủy ban MTTQ huyện Chiêm Hóa)",
        "Chiêm Hóa: Người có uy tín “giữ lửa” phong trào xây dựng nông thôn mới ở Bản Ba",
        "Ông Hoàng Văn Thắng hiến 600 m² đất làm nhà văn hóa, hòa giải thành 12 vụ mâu thuẫn và vận động bà con "
        "chuyển sang trồng cam, bưởi.",
        [
            "Ở thôn Bản Ba, xã Trung Hà, nhắc đến ông Thắng ai cũng quý. Là người có uy tín trong đồng bào, ông luôn "
            "gương mẫu đi đầu trong mọi phong trào.",
            "Năm 2019, khi thôn cần đất làm nhà văn hóa, ông bàn với gia đình hiến 600 m² đất vườn. Việc làm ấy đã "
            "thúc đẩy nhiều hộ khác góp đất, góp công.",
            "Ông còn tham gia tổ hòa giải, hòa giải thành 12 vụ việc, giữ gìn tình làng nghĩa xóm.",
        ],
        ["thang"], ((150, 80, 30), (240, 200, 80)), [("submit", "2020-10-15"), ("publish", "2020-10-16")],
    ),
    (
        "yenson_model", "075", "yenson", "Lê Hồng (Ủy ban MTTQ huyện Yên Sơn)",
        "Yên Sơn: Mô hình “Ngày thứ Bảy xanh” 104 tuần không nghỉ",
        "Chi hội Phụ nữ thôn Đồng Trò duy trì ngày thứ Bảy xanh suốt hai năm, trồng 1,2 km đường hoa và vận động "
        "toàn bộ các hộ phân loại rác tại nguồn.",
        [
            "Mô hình “Ngày thứ Bảy xanh” được Chi hội Phụ nữ thôn Đồng Trò, xã Trung Môn khởi xướng từ đầu năm 2019.",
            "Sáng thứ Bảy hằng tuần, hội viên cùng các hộ dân dọn vệ sinh đường làng, chăm sóc đường hoa, thu gom rác thải nhựa.",
            "<h2>Lan tỏa ra các thôn bạn</h2>",
            "Từ thành công ở Đồng Trò, Ủy ban MTTQ huyện Yên Sơn đã hướng dẫn nhân rộng mô hình ra 14 thôn, tổ dân phố khác.",
        ],
        ["phunu_yenson"], ((60, 140, 70), (230, 120, 160)), [("submit", "2020-10-20"), ("publish", "2020-10-21")],
    ),
    (
        "ccb_review", "076", "sonduong", "Thu Hà (Ủy ban MTTQ huyện Sơn Dương)",
        "Sơn Dương: Cựu chiến binh Đồng Bừa tiên phong chuyển đổi cây trồng",
        "Chi hội Cựu chiến binh thôn Đồng Bừa chuyển đổi 15 ha đất đồi sang trồng keo, chè, góp 200 ngày công sửa kênh mương.",
        [
            "Phát huy phẩm chất “Bộ đội Cụ Hồ”, các hội viên Cựu chiến binh thôn Đồng Bừa đi đầu chuyển đổi cây trồng.",
            "Bài viết đang chờ Ủy ban MTTQ tỉnh biên tập và duyệt đăng.",
        ],
        ["ccb_sonduong"], None, [("submit", "2020-11-10")],
    ),
    (
        "nahang_returned", "072", "nahang", "Văn Nam (Ủy ban MTTQ huyện Na Hang)",
        "Na Hang: Khu dân cư tự quản đường làng",
        "Tổ tự quản đường làng thôn Bản Dù duy trì quét dọn hằng tuần.",
        ["Tổ tự quản thôn Bản Dù ra đời năm 2020, mỗi tuần quét dọn đường làng một lần."],
        [], None,
        [("submit", "2020-10-25"), ("return", "2020-10-27")],
    ),
]  # fmt: skip
RETURN_COMMENT = (
    "Đề nghị bổ sung số liệu cụ thể (số hộ tham gia, chiều dài đường, kết quả sau một năm) và ảnh minh họa rồi gửi lại."
)


def demo_photo(colours, size=(960, 540)) -> SimpleUploadedFile:
    """A small landscape picture (sky, hills, a road) drawn here: the demo ships no photo files."""
    from PIL import Image, ImageDraw

    sky, ground = colours
    width, height = size
    image = Image.new("RGB", size, (190, 215, 235))
    draw = ImageDraw.Draw(image)
    for y in range(height // 2):
        shade = int(40 * y / (height / 2))
        draw.line([(0, y), (width, y)], fill=(170 + shade // 2, 200 + shade // 3, 235))
    draw.polygon([(0, height * 0.55), (width * 0.3, height * 0.3), (width * 0.6, height * 0.55)], fill=sky)
    draw.polygon(
        [(width * 0.4, height * 0.55), (width * 0.75, height * 0.25), (width, height * 0.55)],
        fill=tuple(max(0, c - 30) for c in sky),
    )
    draw.rectangle([(0, height * 0.55), (width, height)], fill=ground)
    draw.polygon(
        [(width * 0.45, height), (width * 0.55, height), (width * 0.51, height * 0.55), (width * 0.49, height * 0.55)],
        fill=(150, 150, 150),
    )
    draw.ellipse([(width * 0.8, height * 0.08), (width * 0.9, height * 0.08 + width * 0.1)], fill=(255, 220, 120))
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=80)
    return SimpleUploadedFile("anh-minh-hoa.jpg", buffer.getvalue(), content_type="image/jpeg")


def _user(ctx, username):
    return ctx["users"].get(username) or User.objects.get(username=username)


def _exemplars(ctx) -> dict:
    units, tinh = ctx["units"], _user(ctx, "tinh")
    found = {}
    for key, code, by, kind, name, position, achievements, period, decision, day in EXEMPLARS:
        exemplar = Exemplar.objects.filter(unit=units[code], name=name).first()
        if exemplar is None:
            exemplar = exemplar_services.exemplar_nominate(
                data=exemplar_services.ExemplarInput(
                    kind=kind,
                    unit=units[code],
                    name=name,
                    position=position,
                    achievements=achievements,
                    period=period,
                    campaign=ctx["campaign"],
                ),
                by=_user(ctx, by),
            )
            Exemplar.objects.filter(pk=exemplar.pk).update(nominated_at=at(day) - dt.timedelta(days=20))
            exemplar_changed(exemplar.unit_id)  # nominated earlier: counted by its new date
            if decision is not None:
                exemplar_services.exemplar_decide(
                    exemplar=exemplar, by=tinh, recognise=decision, note="" if decision else NOT_RECOGNISED_REASON, at=at(day, 15)
                )
        found[key] = exemplar
    return found


def _article(ctx, entry, exemplars) -> tuple[Article, bool]:
    key, code, writer_name, byline, title, summary, paragraphs, exemplar_keys, colours, steps = entry
    unit = ctx["units"][code]
    existing = Article.objects.filter(unit=unit, title=title).first()
    if existing is not None:
        return existing, False
    writer, tinh = _user(ctx, writer_name), _user(ctx, "tinh")
    body = "".join(p if p.startswith("<") else f"<p>{p}</p>" for p in paragraphs)
    data = article_services.ArticleInput(
        title=title, summary=summary, body=body, byline=byline, exemplars=[exemplars[k] for k in exemplar_keys]
    )
    article = article_services.article_create(unit=unit, data=data, by=writer)
    if colours is not None:
        photo = article_services.article_add_photo(
            article=article, uploaded=demo_photo(colours), by=writer, caption=f"Ảnh minh họa: {unit.name}"
        )
        # The second paragraph is followed by the photo, as a writer would place it with "Chèn ảnh".
        parts = body.split("</p>", 2)
        figure = (
            f'<figure><img src="/tin-tuc/anh/{photo.pk}/" alt="{photo.caption}"><figcaption>{photo.caption}</figcaption></figure>'
        )
        data.body = "</p>".join(parts[:2]) + "</p>" + figure + (parts[2] if len(parts) > 2 else "")
        article.refresh_from_db()
        article_services.article_update(article=article, data=data, by=writer, expected_version=article.version)
    for action, day in steps:
        if action == "submit":
            article_services.article_submit(article=article, by=writer, at=at(day, 10))
        elif action == "publish":
            article_services.article_publish(article=article, by=tinh, at=at(day, 8))
        elif action == "return":
            article_services.article_return(article=article, by=tinh, comment=RETURN_COMMENT, at=at(day, 14))
    Article.objects.filter(pk=article.pk).update(created_at=at(steps[0][1], 8) - dt.timedelta(days=2))
    return article, True


def load(ctx):
    exemplars = _exemplars(ctx)
    created = 0
    articles = {}
    for entry in ARTICLES:
        article, new = _article(ctx, entry, exemplars)
        articles[entry[0]] = article
        created += new
    first = articles["tanlap"]
    if not ContestEntry.objects.filter(article=first).exists():
        article_services.contest_enter(
            article=first, by=_user(ctx, "sonduong"), category=ContestEntry.Category.ONLINE,
            author_name="Thu Hà (Ủy ban MTTQ huyện Sơn Dương)", note="Đăng trên trang tin của Ủy ban MTTQ tỉnh ngày 22/9/2020.",
        )  # fmt: skip
    from publishing import public_cache

    public_cache.bump()
    return (
        f"{created} tin, bài mới (tổng {Article.objects.count()}, đã đăng {Article.objects.public().count()}), "
        f"{Exemplar.objects.count()} gương điển hình ({Exemplar.objects.recognised().count()} được công nhận), "
        f"{ContestEntry.objects.count()} tác phẩm dự thi."
    )
