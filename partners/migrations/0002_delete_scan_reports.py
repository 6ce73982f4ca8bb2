"""R-PART-6: the full quickscan report stays with the partner. Before the report column goes
(0003), every stored report file is deleted from storage; there is no way back."""

from django.db import migrations


def delete_report_files(apps, schema_editor) -> None:
    Scan = apps.get_model("partners", "Scan")
    storage = Scan._meta.get_field("report").storage
    for scan_id, name in Scan.objects.exclude(report="").values_list("pk", "report").iterator():
        if storage.exists(name):
            storage.delete(name)
        Scan.objects.filter(pk=scan_id).update(report="")


class Migration(migrations.Migration):

    dependencies = [
        ("partners", "0001_initial"),
    ]

    operations = [
        migrations.RunPython(delete_report_files, migrations.RunPython.noop, elidable=True),
    ]
