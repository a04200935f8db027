"""A prevention measure: organisational facts kept by HR, never about a person or a report."""

from datetime import date

import peewee as pw

from portal.platform.database import BaseModel


class Measure(BaseModel):
    title = pw.CharField()
    owner = pw.CharField()  # a role or a name, as HR writes it
    due_on = pw.DateField(null=True)
    status = pw.CharField(default="planned")
    outcome = pw.TextField(default="")  # what came of it
    # The stable uid of the yearly report's recommendation it answers (insights), if any.
    recommendation_uid = pw.CharField(null=True, index=True)
    created_on = pw.DateField(default=date.today)
    updated_on = pw.DateField(default=date.today)

    class Meta:
        table_name = "measure"
