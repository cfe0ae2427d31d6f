"""Create one group per role. The codes are copied here (not imported) so this migration
stays as it was written even if the roles module changes later."""

from django.db import migrations

ROLE_CODES = [
    "applicant",
    "office_head",
    "preparation_group",
    "city_director",
    "opinion_giver",
    "registrar",
    "finance",
    "reader",
    "administrator",
]


def create_role_groups(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    for code in ROLE_CODES:
        Group.objects.get_or_create(name=code)


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0002_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [migrations.RunPython(create_role_groups, migrations.RunPython.noop)]
