from django import forms


def indented_label(unit) -> str:
    """The unit's name indented by its depth, for a <select> that shows the tree."""
    indent = "— " * max(0, unit.depth - 1)
    return f"{indent}{unit.name}"


class UnitChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return indented_label(obj)
