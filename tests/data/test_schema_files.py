"""The JSON Schemas are valid, describe every property, and match their generator."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from jsonschema import Draft202012Validator

from tools.write_schemas import SCHEMAS

SCHEMA_DIR = Path(__file__).resolve().parents[2] / "data" / "schema"


def undescribed(schema: Any, path: str = "#") -> list[str]:
    """Paths of properties that have no description, walking only schema positions."""
    if not isinstance(schema, dict):
        return []
    found: list[str] = []
    for name, sub in schema.get("properties", {}).items():
        if "description" not in sub:
            found.append(f"{path}/properties/{name}")
        found += undescribed(sub, f"{path}/properties/{name}")
    for key in ("items", "additionalProperties"):
        found += undescribed(schema.get(key), f"{path}/{key}")
    for key in ("prefixItems", "oneOf", "anyOf", "allOf"):
        for index, sub in enumerate(schema.get(key, [])):
            found += undescribed(sub, f"{path}/{key}/{index}")
    return found


@pytest.mark.parametrize("name", sorted(SCHEMAS))
def test_schema_is_valid_and_every_property_is_described(name: str) -> None:
    schema = json.loads((SCHEMA_DIR / f"{name}.schema.json").read_text(encoding="utf-8"))
    Draft202012Validator.check_schema(schema)
    assert undescribed(schema) == []


@pytest.mark.parametrize("name", sorted(SCHEMAS))
def test_schema_file_matches_its_generator(name: str) -> None:
    on_disk = json.loads((SCHEMA_DIR / f"{name}.schema.json").read_text(encoding="utf-8"))
    assert on_disk == SCHEMAS[name], "run: python tools/write_schemas.py"


def test_undescribed_finds_a_missing_description_at_any_depth() -> None:
    schema = {
        "properties": {"a": {"type": "string"}},
        "items": {"oneOf": [{"properties": {"b": {"description": "ok"}, "c": {}}}]},
    }
    assert undescribed(schema) == ["#/properties/a", "#/items/oneOf/0/properties/c"]
