from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

# Exemplars, articles and contest entries. An article's text is read-only here: it is stored only
# through the services, which sanitise it (registrations/sanitise.py).
from core.figures import CountedAdmin
from publishing.figures import ART, EX
from publishing.models import Article, ArticleTransition, ContestEntry, Exemplar


@admin.register(Exemplar)
class ExemplarAdmin(CountedAdmin, SimpleHistoryAdmin):
    list_display = ("name", "kind", "unit", "status", "recognised_at")
    list_filter = ("kind", "status")
    search_fields = ("name", "search_key", "unit__code")
    raw_id_fields = ("unit", "nominating_unit", "person", "registration", "nominated_by", "decided_by")
    readonly_fields = ("version", "nominated_at", "decided_at", "recognised_at")

    def counted_in(self, obj):
        return [{"families": [EX], "units": [obj.unit_id]}]


class ArticleTransitionInline(admin.TabularInline):
    model = ArticleTransition
    extra = 0
    readonly_fields = ("action", "from_status", "to_status", "by", "at", "comment")
    can_delete = False


@admin.register(Article)
class ArticleAdmin(CountedAdmin, SimpleHistoryAdmin):
    list_display = ("title", "unit", "status", "published_at", "updated_at")
    list_filter = ("status",)
    search_fields = ("title", "search_key", "slug")
    raw_id_fields = ("unit", "author", "cover", "published_by", "exemplars", "registrations", "units")
    readonly_fields = ("version", "title", "summary", "body", "byline", "slug", "status", "submitted_at", "published_at")
    inlines = [ArticleTransitionInline]

    def counted_in(self, obj):
        return [{"families": [ART], "units": [obj.unit_id]}]


@admin.register(ContestEntry)
class ContestEntryAdmin(SimpleHistoryAdmin):
    list_display = ("article", "category", "unit", "author_name", "entered_at")
    list_filter = ("category",)
    raw_id_fields = ("article", "unit", "entered_by")
