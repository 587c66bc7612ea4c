"""Views of the plan pages (/ke-hoach/): plans and their cascade, tasks and follow-up, urging,
inspections, commemorations and the campaign."""
