"""Summary rows behind the dashboards: for each campaign, unit and figure, the unit's own value and
the value of its whole subtree (the unit and everything under it).

They are derived data: every figure of the figure registry (core/figures.py and each app's
figures.py), kept up to date in the same transaction as the change they count (the services call
core.figures.changed() → dashboards/figures.py) and recomputed from scratch by
`manage.py refresh_dashboards` (after bulk loads, and nightly as a safety net). Tests prove that
every figure equals a direct count of the same thing.

Keys: a figure's key ("reg_content", "tasks_due", "cadres", …); a breakdown's key
("reg:<kind>:<status>", "field:<field id>"); a figure that depends on the day of the read, per day
of its date ("tasks_overdue@<YYYY-MM-DD>", "articles_published@<YYYY-MM-DD>": summed up to the day
of the read); a source counted by its app ("rep:<period kind>:required | on_time | late").
`family` is the registry's family of the key (reg, cad, plan, task, insp, ex, art, rep), or:
  rev      ~rev: the unit's revision, raised with every change of its totals (the dashboards' cache)
  lock     ~tree: one row per campaign and top unit, locked by every change of the tree
  pending  pending:<family>:<token>: units whose values of that family were changed in bulk (a
           plan's assignments); counted right after the commit or by the next read.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class UnitFigure(models.Model):
    campaign = models.ForeignKey("campaigns.Campaign", on_delete=models.CASCADE, related_name="+")
    unit = models.ForeignKey("units.Unit", on_delete=models.CASCADE, related_name="+")
    family = models.CharField(max_length=8)
    key = models.CharField(max_length=40)
    own = models.IntegerField(default=0)
    total = models.IntegerField(default=0)

    class Meta:
        verbose_name = _("số liệu tổng hợp")
        verbose_name_plural = _("số liệu tổng hợp")
        constraints = [models.UniqueConstraint(fields=["campaign", "unit", "key"], name="unitfigure_unique")]
        indexes = [
            models.Index(fields=["campaign", "unit", "family"], name="unitfigure_unit_family"),
            models.Index(fields=["campaign", "family"], name="unitfigure_family"),
        ]

    def __str__(self):
        return f"{self.unit_id} {self.key}: {self.own}/{self.total}"
