"""Summary rows behind the dashboards: for each campaign, unit and figure, the unit's own value and
the value of its whole subtree (the unit and everything under it).

They are derived data, kept up to date in the same transaction as the change they count
(dashboards/signals.py → dashboards/figures.py) and recomputed from scratch by
`manage.py refresh_dashboards` (after bulk loads, and nightly as a safety net). Tests prove that
every figure equals a direct count of the same thing.

Keys (family → keys):
  reg    reg:<kind>:<status> (every registration, drafts included), field:<field id> (sent ones)
  cad    cadres (active cadre memberships), cadres_reg (those whose person sent ≥ 1 task)
  plan   committees (open committees), plans_issued (committees with an issued plan)
  rep    rep:<period kind>:required | on_time | late (as the receiving unit of a period)
  task   tasks (assignments of plans in force), tasks_done, taskdue:<YYYY-MM-DD> (open ones due
         that day: "overdue" is decided at read time from the date in the key)
  ex     ex:<status> (exemplars)       art    art:<status> (articles)
  pending  pending:<plan id>: a plan was issued; its assignments (made in bulk, without signals)
         are counted by the next read or right after the commit.
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
