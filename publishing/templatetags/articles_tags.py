from django import template

from publishing.access import can_nominate_from
from publishing.models import Article, Exemplar

register = template.Library()

ARTICLE_TONES = {
    Article.Status.DRAFT: "secondary",
    Article.Status.IN_REVIEW: "info",
    Article.Status.RETURNED: "danger",
    Article.Status.PUBLISHED: "success",
    Article.Status.UNPUBLISHED: "warning",
}
EXEMPLAR_TONES = {
    Exemplar.Status.NOMINATED: "info",
    Exemplar.Status.RECOGNISED: "success",
    Exemplar.Status.NOT_RECOGNISED: "secondary",
}


@register.filter
def article_tone(status):
    return ARTICLE_TONES.get(status, "secondary")


@register.filter
def exemplar_tone(status):
    return EXEMPLAR_TONES.get(status, "secondary")


@register.inclusion_tag("publishing/exemplars/_nominate_button.html", takes_context=True)
def nominate_button(context, registration):
    """On a registration's page: "Đề nghị gương điển hình" for an approved one the user manages."""
    request = context.get("request")
    show = request is not None and request.user.is_authenticated and can_nominate_from(request.scope, registration)
    return {"registration": registration, "show": show}
