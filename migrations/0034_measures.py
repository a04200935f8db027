"""The register of prevention measures HR keeps (#24 item 4): what, who owns it, when it is due,
its status and what came of it, optionally linked to the yearly report's recommendation it
answers by that recommendation's stable uid (YearlyRecommendation.uid), never by a row id."""

from peewee import CharField, DateField, Model, TextField


def up(migrator, db):
    class Measure(Model):
        title = CharField()
        owner = CharField()
        due_on = DateField(null=True)
        status = CharField(default="planned")
        outcome = TextField(default="")
        recommendation_uid = CharField(null=True, index=True)
        created_on = DateField()
        updated_on = DateField()

        class Meta:
            database = db
            table_name = "measure"

    db.create_tables([Measure])
