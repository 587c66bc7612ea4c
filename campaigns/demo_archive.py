"""The last step of the demo: once this year's campaign runs (campaigns.demo_today), the 2020
campaign is closed, a read-only archive (its loaders write through services that refuse a closed
year, so this comes after every one of them; on the next run they find their records and write
nothing). Closing is recorded in the campaign's history, like the button on the campaign page."""

from campaigns.models import Campaign
from campaigns.services import campaign_update


def load(ctx):
    today = ctx.get("campaign_today")
    archive = ctx.get("campaign")
    if today is None or archive is None or archive.pk == today.pk:
        return None
    archive = Campaign.objects.get(pk=archive.pk)
    if archive.is_closed:
        return f"Phong trào {archive.year}: đã tổng kết (lưu trữ, chỉ xem)."
    archive = campaign_update(
        campaign=archive, by=ctx["users"]["tinh"], expected_version=archive.version, theme=archive.theme,
        status=Campaign.Status.CLOSED, description=archive.description, movements=list(archive.movements.all()),
        map_on=archive.map_on,
    )  # fmt: skip
    ctx["campaign"] = archive
    return f"Phong trào {archive.year}: đóng lại, thành lưu trữ chỉ xem."
