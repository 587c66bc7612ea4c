"""Exemplars (gương điển hình) and articles (tin, bài) with their press contest entries."""

from publishing.models.articles import Article, ArticleTransition, ContestEntry
from publishing.models.exemplars import Exemplar

__all__ = ["Article", "ArticleTransition", "ContestEntry", "Exemplar"]
