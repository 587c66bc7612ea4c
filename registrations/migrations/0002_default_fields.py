"""The fields of work the product owner named; provincial staff edit the list in the portal."""

from django.db import migrations

DEFAULT_FIELDS = [
    "Kinh tế",
    "Văn hóa - xã hội",
    "Quốc phòng - an ninh",
    "Xây dựng hệ thống chính trị",
    "Khác",
]


def add_fields(apps, schema_editor):
    Field = apps.get_model("registrations", "Field")
    for position, name in enumerate(DEFAULT_FIELDS, start=1):
        Field.objects.get_or_create(name=name, defaults={"position": position * 10})


class Migration(migrations.Migration):
    dependencies = [("registrations", "0001_initial")]

    operations = [migrations.RunPython(add_fields, migrations.RunPython.noop)]
