"""Migration 0036 adds the guide page on an installation made before it (a fresh one has it
from the files already), once."""

import importlib.util

from portal.guide.models import GuideEntry, GuideVersion
from portal.platform import database


def migration():
    spec = importlib.util.spec_from_file_location(
        "m0036", database.MIGRATIONS / "0036_report_together.py"
    )
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_an_earlier_installation_gets_the_guide_page_once(app):
    with app.app_context():
        assert GuideEntry.select().where(GuideEntry.slug == "report-together").count() == 1
        GuideEntry.delete().where(GuideEntry.slug == "report-together").execute()
        migration().add_guide_page(database.db.obj)
        migration().add_guide_page(database.db.obj)
        entry = GuideEntry.get(GuideEntry.slug == "report-together")
        titles = {
            v.locale: v.title for v in GuideVersion.select().where(GuideVersion.entry == entry)
        }
        assert titles == {"nl": "Samen melden", "en": "Report together"}
