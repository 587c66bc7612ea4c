import datetime as dt
import zoneinfo

from django.template import Context, Template

from core import dates

HCM = zoneinfo.ZoneInfo("Asia/Ho_Chi_Minh")


def test_short_date_has_no_leading_zeros():
    assert dates.short_date(dt.date(2020, 6, 10)) == "10/6/2020"
    assert dates.short_date(dt.date(2020, 2, 5)) == "5/2/2020"


def test_long_date():
    assert dates.long_date(dt.date(2020, 6, 10)) == "ngày 10 tháng 6 năm 2020"


def test_document_date_pads_day_below_ten_and_months_one_and_two():
    assert dates.document_date(dt.date(2020, 2, 12)) == "ngày 12 tháng 02 năm 2020"
    assert dates.document_date(dt.date(2020, 1, 5)) == "ngày 05 tháng 01 năm 2020"
    assert dates.document_date(dt.date(2020, 6, 10)) == "ngày 10 tháng 6 năm 2020"
    assert dates.document_date(dt.date(2020, 12, 20)) == "ngày 20 tháng 12 năm 2020"


def test_datetimes_are_shown_in_ho_chi_minh_time():
    moment = dt.datetime(2020, 6, 9, 17, 30, tzinfo=dt.UTC)  # 00:30 on 10/6 in Vietnam
    assert dates.short_date(moment) == "10/6/2020"
    assert dates.short_datetime(moment) == "00:30 10/6/2020"


def test_end_of_day_is_midnight_in_ho_chi_minh():
    end = dates.end_of_day(dt.date(2020, 6, 10))
    assert end.astimezone(HCM).date() == dt.date(2020, 6, 10)
    assert (end + dt.timedelta(microseconds=1)).astimezone(HCM) == dt.datetime(2020, 6, 11, tzinfo=HCM)


def test_template_filters_and_default_date_format():
    html = Template("{% load vn %}{{ d|vn_date }}|{{ d|vn_long_date }}|{{ d }}|{{ n|vn_number }}").render(
        Context({"d": dt.date(2020, 6, 10), "n": 12345})
    )
    assert html == "10/6/2020|ngày 10 tháng 6 năm 2020|10/6/2020|12.345"


def test_english_pages_write_dates_and_numbers_the_english_way():
    from django.utils import translation

    template = Template(
        "{% load vn %}{{ d|vn_date }}|{{ d|vn_long_date }}|{{ d|vn_doc_date }}|{{ n|vn_number }}|{{ p|percent:1 }}"
    )
    context = {"d": dt.date(2020, 6, 10), "n": 12345, "p": 50.25}
    with translation.override("en"):
        assert template.render(Context(context)) == "10/6/2020|10 June 2020|ngày 10 tháng 6 năm 2020|12,345|50.2%"
    with translation.override("vi"):
        assert template.render(Context(context)) == "10/6/2020|ngày 10 tháng 6 năm 2020|ngày 10 tháng 6 năm 2020|12.345|50,2%"
