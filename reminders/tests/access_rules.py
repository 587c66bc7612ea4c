from core.matrix import rule

# The record of urging: everyone who follows units (each for their own subtree); not cadres.
rule("reminders:reminders", default=200, canbo=403)
# The reminder schedule: provincial staff only.
rule("reminders:reminder_policy", default=403, tinh=200)
