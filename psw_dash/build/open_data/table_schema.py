"""A Frictionless Table Schema from a pandera schema (psw_dash/build/schemas.py): the build's rules, published.

Types, allowed values, patterns, minimums, uniqueness and nulls are read from the pandera model, so a bound
word or topic added there is allowed here on the next build. Whole-table checks (a percent within 0 to
100, a derived row states its method) cannot be written as Table Schema constraints: their messages go
into the schema's description instead.

An empty CSV cell is read as missing (Table Schema's default missingValues [""]), so a text column that
may be empty ('bound', 'category', 'note') is not 'required', and its allowed values leave out "".
"""

from __future__ import annotations

from typing import Any

import pandera.pandas as pa

from psw_dash.build.open_data.resources import COLUMNS, PUBLISHED, Resource

_TYPES = {"string": "string", "str": "string", "float64": "number", "int64": "integer", "bool": "boolean"}


def _field_type(dtype: Any) -> str:
    name = str(dtype)
    for prefix, kind in _TYPES.items():
        if name.startswith(prefix):
            return kind
    raise ValueError(f"no Table Schema type for the pandera dtype {name!r}: add it to _TYPES")


def _constraints(column: pa.Column, kind: str) -> dict[str, Any]:
    constraints: dict[str, Any] = {}
    may_be_empty = kind == "string"  # until a check rules the empty text out
    for check in column.checks:
        stats = check.statistics
        if check.name == "isin":
            allowed = [value for value in stats["allowed_values"] if value != ""]
            may_be_empty = may_be_empty and "" in stats["allowed_values"]
            constraints["enum"] = allowed
        elif check.name == "str_matches":
            constraints["pattern"] = stats["pattern"].removeprefix("^").removesuffix("$")
            may_be_empty = False
        elif check.name == "str_length":
            if stats.get("min_value"):
                constraints["minLength"] = stats["min_value"]
                may_be_empty = False
            if stats.get("max_value"):
                constraints["maxLength"] = stats["max_value"]
        elif check.name == "greater_than_or_equal_to":
            constraints["minimum"] = stats["min_value"]
        elif check.name == "greater_than":
            # Table Schema has no exclusive minimum; for whole numbers 'over 0' is 'at least 1'.
            if kind == "integer":
                constraints["minimum"] = int(stats["min_value"]) + 1
        elif check.name == "less_than_or_equal_to":
            constraints["maximum"] = stats["max_value"]
        else:
            raise ValueError(
                f"column {column.name}: no Table Schema constraint for pandera check {check.name!r}; "
                "map it here or describe it"
            )
    if column.unique:
        constraints["unique"] = True
        may_be_empty = False
    if not column.nullable and not may_be_empty:
        constraints["required"] = True
    return constraints


def table_schema(resource: Resource, names: dict[str, str]) -> dict[str, Any]:
    """The Table Schema of one resource; `names` maps each resource name to itself (for foreign keys)."""
    model = resource.model.to_schema()
    fields = []
    for name, column in model.columns.items():
        kind = _field_type(column.dtype)
        field = {"name": name, "type": kind, "description": resource.described.get(name, COLUMNS[name])}
        if kind == "boolean":
            field.update(trueValues=["True"], falseValues=["False"])  # as pandas writes them
        constraints = _constraints(column, kind)
        if name in PUBLISHED and "enum" in constraints:  # the values as published (a document's title)
            constraints["enum"] = [PUBLISHED[name](value) for value in constraints["enum"]]
        if constraints:
            field["constraints"] = constraints
        fields.append(field)
    schema: dict[str, Any] = {"fields": fields, "missingValues": [""]}
    unique = [name for name, column in model.columns.items() if column.unique]
    if unique:
        schema["primaryKey"] = [unique[0]]
    if resource.foreign_keys:
        schema["foreignKeys"] = [
            {"fields": [column], "reference": {"resource": names[other], "fields": [other_column]}}
            for column, other, other_column in resource.foreign_keys
        ]
    rules = [check.error for check in model.checks if check.error]
    if rules:
        schema["description"] = "Also checked by the build, row by row: " + "; ".join(rules) + "."
    return schema
