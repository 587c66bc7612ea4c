"""The production static files step (README: `manage.py collectstatic` with the production storage,
danvan/settings/prod.py) works on the vendored files: a file that names a source map the project
does not ship makes the manifest storage fail."""

from django.core.management import call_command

PRODUCTION_STATIC_STORAGE = "whitenoise.storage.CompressedManifestStaticFilesStorage"  # as in settings/prod.py


def test_collectstatic_with_the_production_storage_succeeds(settings, tmp_path):
    settings.STATIC_ROOT = tmp_path / "static"
    settings.STORAGES = {**settings.STORAGES, "staticfiles": {"BACKEND": PRODUCTION_STATIC_STORAGE}}
    call_command("collectstatic", interactive=False, verbosity=0)
    manifest = (tmp_path / "static" / "staticfiles.json").read_text()
    assert "vendor/bootstrap.min.css" in manifest and "js/portal.js" in manifest


def test_the_production_setting_is_the_storage_tested_here():
    from pathlib import Path

    prod = (Path(__file__).resolve().parents[2] / "danvan" / "settings" / "prod.py").read_text()
    assert f'"{PRODUCTION_STATIC_STORAGE}"' in prod
