"""Checks a parsed data file against its JSON Schema and words each error as a Problem."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from functools import cache
from pathlib import Path
from typing import Any

from jsonschema import Draft202012Validator
from jsonschema.exceptions import SchemaError, ValidationError

from geo.load import DataFileError, read_json
from geo.problems import FILE_LEVEL, Problem, field_path, one_of, short

JSON_TYPES = {
    dict: "an object",
    list: "an array",
    str: "a string",
    bool: "a boolean",
    int: "an integer",
    float: "a number",
    type(None): "null",
}


@cache
def _validator(schema_path: Path) -> Draft202012Validator:
    schema = read_json(schema_path)
    Draft202012Validator.check_schema(schema)
    return Draft202012Validator(schema)


def schema_problems(schema_path: Path, doc: Any, file: str, key: str) -> list[Problem]:
    """Every schema error of `doc`; `key` names the field that identifies an array's records."""
    try:
        validator = _validator(schema_path)
    except (DataFileError, SchemaError) as exc:
        return [Problem(str(schema_path), FILE_LEVEL, FILE_LEVEL, f"unusable schema: {exc}")]
    problems: list[Problem] = []
    for error in validator.iter_errors(doc):
        if key == "features" and _owned_by_layer_checks(error):
            continue
        for path, message in _explain(error):
            item, fld = locate(doc, path, key)
            problems.append(Problem(file, item, fld, message))
    return problems


def _owned_by_layer_checks(error: ValidationError) -> bool:
    """Errors the layer checks word better: bad coordinates, and an empty layer."""
    path = list(error.absolute_path)
    if error.validator == "oneOf" and path[2:] == ["geometry", "coordinates"]:
        return True
    return error.validator == "minItems" and path == ["features"]


def locate(doc: Any, path: Sequence[str | int], key: str) -> tuple[str, str]:
    """The (item, field) of a JSON path; `key` is "features" for layers, else the id field."""
    parts = list(path)
    if key == "features":
        if len(parts) < 2 or parts[0] != "features" or not isinstance(parts[1], int):
            return FILE_LEVEL, field_path(parts)
        feature = _at(doc, parts[:2])
        props = feature.get("properties") if isinstance(feature, dict) else None
        item = _label(props, "id", f"features[{parts[1]}]")
        rest = parts[2:]
        return item, field_path(rest[1:] if rest[:1] == ["properties"] else rest)
    if not parts or not isinstance(parts[0], int) or not isinstance(doc, list):
        return FILE_LEVEL, field_path(parts)
    return _label(_at(doc, parts[:1]), key, f"[{parts[0]}]"), field_path(parts[1:])


def _label(record: Any, key: str, fallback: str) -> str:
    value = record.get(key) if isinstance(record, dict) else None
    return value if isinstance(value, str) and value else fallback


def _at(doc: Any, path: Sequence[str | int]) -> Any:
    for part in path:
        try:
            doc = doc[part]
        except (KeyError, IndexError, TypeError):
            return None
    return doc


def _explain(error: ValidationError) -> Iterator[tuple[list[str | int], str]]:
    """(path, message) pairs for one error; a oneOf is explained by the branch that fits."""
    path: list[str | int] = list(error.absolute_path)
    if error.validator in ("oneOf", "anyOf") and error.context:
        branch = _fitting_branch(error)
        if branch:
            for sub in branch:
                yield from _explain(sub)
            return
        yield path, f"{short(error.instance)} matches none of the allowed forms"
        return
    if error.validator == "required":
        missing = [p for p in error.validator_value if error.message.startswith(repr(p))]
        yield [*path, *missing[:1]], "required field is missing"
    elif error.validator == "additionalProperties":
        allowed = list(error.schema.get("properties", {}))
        for extra in sorted(set(error.instance) - set(allowed)):
            yield [*path, extra], f"unexpected field; expected only: {', '.join(allowed)}"
    elif "propertyNames" in error.schema_path:
        # The error sits on the object; the instance is the offending key.
        yield [*path, str(error.instance)], f"unexpected key: {_message(error)}"
    else:
        yield path, _message(error)


def _fitting_branch(error: ValidationError) -> list[ValidationError] | None:
    """The errors of the one branch whose type fits the instance, if exactly one does."""
    branches: dict[Any, list[ValidationError]] = {}
    for sub in error.context or ():
        branches.setdefault(sub.relative_schema_path[0], []).append(sub)
    fitting = [
        errors
        for errors in branches.values()
        if not any(e.validator in ("type", "const") and not e.relative_path for e in errors)
    ]
    return fitting[0] if len(fitting) == 1 else None


def _message(error: ValidationError) -> str:  # noqa: PLR0911 - one return per keyword
    value, rule, instance = error.validator, error.validator_value, error.instance
    if value == "type":
        return f"is {_kind(instance)} {short(instance)}; expected {_type_names(rule)}"
    if value == "pattern":
        return f"{short(instance)} does not match the pattern {rule}"
    if value == "const":
        return f"is {short(instance)}; expected {rule!r}"
    if value == "enum":
        return f"is {short(instance)}; {one_of(str(v) for v in rule)}"
    if value == "minItems":
        return f"has {len(instance)} items; expected at least {rule}"
    if value == "minLength":
        return f"is {short(instance)}; expected at least {rule} character(s)"
    if value == "maxItems":
        return f"has {len(instance)} items; expected at most {rule}"
    if value == "uniqueItems":
        return f"has repeated items {short(instance)}; expected each item once"
    if value in ("minimum", "exclusiveMinimum", "maximum", "exclusiveMaximum"):
        bound = {
            "minimum": ">=",
            "exclusiveMinimum": ">",
            "maximum": "<=",
            "exclusiveMaximum": "<",
        }[str(value)]
        return f"is {short(instance)}; expected a value {bound} {rule}"
    return str(error.message)


def _kind(instance: Any) -> str:
    return JSON_TYPES.get(type(instance), type(instance).__name__)


def _type_names(rule: Any) -> str:
    names = [rule] if isinstance(rule, str) else list(rule)
    return " or ".join(names)
