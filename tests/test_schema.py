"""The schema the migrations build is the one the models describe (SQLite, and PostgreSQL when
TEST_DATABASE_URL is set): the same tables, columns, loosely the same types, and the same
indexes by their columns. A model changed without a migration fails here."""

import importlib
import pkgutil

from peewee import AutoField, BigAutoField, ForeignKeyField

import portal
from portal.platform import database
from portal.platform.database import BaseModel, db

BOOKKEEPING = {"schema_migration"}  # the migration runner's own table, not a model

# Declared types (SQLite) and information_schema names (PostgreSQL), loosely grouped.
FAMILIES = {
    "text": ("char", "text", "clob", "character varying"),
    "integer": ("int", "serial"),
    "boolean": ("bool",),
    "blob": ("blob", "bytea"),
    "datetime": ("datetime", "timestamp"),
    "date": ("date",),
    "real": ("real", "float", "double", "numeric", "decimal"),
}


def family(declared: str) -> str:
    """Name the loose type family of a declared column type."""
    declared = declared.lower()
    for name in ("datetime", "date", "boolean", "blob", "integer", "real", "text"):
        if any(word in declared for word in FAMILIES[name]):
            return name
    return declared


def every_model() -> list[type[BaseModel]]:
    """Import every portal module, then return every model class (each table once)."""
    for info in pkgutil.walk_packages(portal.__path__, "portal."):
        importlib.import_module(info.name)
    found, todo = {}, list(BaseModel.__subclasses__())
    while todo:
        model = todo.pop()
        todo.extend(model.__subclasses__())
        found.setdefault(model._meta.table_name, model)
    return list(found.values())


def model_type(field) -> str:
    if isinstance(field, ForeignKeyField):
        field = field.rel_field
    if isinstance(field, (AutoField, BigAutoField)):
        return "integer"
    # The type this database would declare (SQLite declares a boolean as INTEGER).
    return family(str(db.obj.field_types.get(field.field_type, field.field_type)))


def model_indexes(model) -> set[tuple[tuple[str, ...], bool]]:
    indexes = set()
    for field in model._meta.sorted_fields:
        if field.primary_key:
            continue
        if field.unique or field.index:
            indexes.add(((field.column_name,), bool(field.unique)))
    for fields, unique in model._meta.indexes:
        columns = tuple(model._meta.fields[name].column_name for name in fields)
        indexes.add((columns, bool(unique)))
    return indexes


def table_indexes(table: str) -> set[tuple[tuple[str, ...], bool]]:
    primary = {c.name for c in db.get_columns(table) if c.primary_key}
    return {
        (tuple(index.columns), bool(index.unique))
        for index in db.get_indexes(table)
        if set(index.columns) != primary
    }


def test_the_migrated_tables_are_the_models_tables(app):
    with app.app_context():
        db.connect(reuse_if_open=True)
        models = {model._meta.table_name for model in every_model()}
        tables = set(db.get_tables()) - BOOKKEEPING
    assert tables == models, {"only migrated": tables - models, "only models": models - tables}


# Columns the migrations leave behind on purpose, with the index that went with them.
# report.reporter_id (emptied by 0007): SQLite cannot drop a column with a foreign key without
# rebuilding every table that refers to reports, which would cascade-delete their rows.
LEFTOVER_ON_SQLITE = {("report", "reporter_id")}


def test_every_column_type_and_index_matches(app):
    problems = []
    with app.app_context():
        db.connect(reuse_if_open=True)
        for model in sorted(every_model(), key=lambda m: m._meta.table_name):
            table = model._meta.table_name
            columns = {c.name: c for c in db.get_columns(table)}
            leftover = (
                set()
                if database.is_postgres()
                else {column for t, column in LEFTOVER_ON_SQLITE if t == table}
            )
            columns = {name: c for name, c in columns.items() if name not in leftover}
            fields = {f.column_name: f for f in model._meta.sorted_fields}
            if set(columns) != set(fields):
                problems.append(f"{table}: columns {sorted(columns)} != fields {sorted(fields)}")
                continue
            for name, field in fields.items():
                column = columns[name]
                want, have = model_type(field), family(column.data_type)
                if want != have:
                    problems.append(f"{table}.{name}: model {want}, migrated {have}")
                if column.null != field.null and not field.primary_key:
                    problems.append(f"{table}.{name}: null {field.null} in model, {column.null}")
            indexes = {i for i in table_indexes(table) if not set(i[0]) & leftover}
            if model_indexes(model) != indexes:
                problems.append(
                    f"{table}: indexes {sorted(model_indexes(model))} in model, "
                    f"{sorted(indexes)} migrated"
                )
    assert not problems, "\n".join(problems)


def test_the_comparison_notices_a_missing_column(app):
    """A model field the migrations never added is reported (the check is not vacuous)."""
    from peewee import CharField

    from portal.reports.models import Report

    extra = CharField(null=True)
    Report._meta.add_field("colour", extra)
    try:
        with app.app_context():
            db.connect(reuse_if_open=True)
            columns = {c.name for c in db.get_columns("report")}
        assert "colour" in {f.column_name for f in Report._meta.sorted_fields} - columns
    finally:
        Report._meta.remove_field("colour")
