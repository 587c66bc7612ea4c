"""Registrations of the "Dân vận khéo" campaign (plan II.1): a unit's content or model, a cadre's
task; their targets, workflow history and progress. Exemplars and articles
(with press contest entries) have their own modules in this package."""

from .articles import Article, ArticleTransition, ContestEntry
from .exemplars import Exemplar
from .progress import ProgressUpdate, ProgressValue
from .registration import Field, Registration, Target, Transition

__all__ = [
    "Article",
    "ArticleTransition",
    "ContestEntry",
    "Exemplar",
    "Field",
    "ProgressUpdate",
    "ProgressValue",
    "Registration",
    "Target",
    "Transition",
]
