from campaigns.selection import years_of


class CampaignYearMiddleware:
    """Gives every request `request.years` (campaigns.selection.Years, read lazily): the campaign
    year the page works in and its map date. Rooms below campaigns (the unit pages) read it
    through the request, as they read `request.scope`."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.years = years_of(request)
        return self.get_response(request)
