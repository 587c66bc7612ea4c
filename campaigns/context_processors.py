from campaigns.selection import years_of


def years(request):
    """`years`: the campaign year the page works in and the year switcher's choices (read lazily:
    a page that shows neither runs no query for them)."""
    if not getattr(getattr(request, "user", None), "is_authenticated", False):
        return {}
    return {"years": years_of(request)}
