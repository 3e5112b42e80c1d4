"""Writes data/schema/*.schema.json: the one place the data model's fields are described."""

import json
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ID = {"type": "string", "pattern": "^[a-z0-9]+(-[a-z0-9]+)*$"}
DRAFT = "https://json-schema.org/draft/2020-12/schema"


def ident(description: str) -> dict:
    return {**ID, "description": description}


def id_list(description: str, min_items: int = 0) -> dict:
    return {
        "type": "array",
        "description": description,
        "items": ID,
        "uniqueItems": True,
        "minItems": min_items,
    }


def text(description: str) -> dict:
    return {"type": "string", "minLength": 1, "description": description}


POSITION = {
    "type": "array",
    "description": "A position as [longitude, latitude] in WGS84 degrees (RFC 7946 order).",
    "prefixItems": [
        {"type": "number", "minimum": -180, "maximum": 180},
        {"type": "number", "minimum": -90, "maximum": 90},
    ],
    "minItems": 2,
    "maxItems": 2,
}
LINE = {"type": "array", "items": POSITION, "minItems": 2}

STATUS_ENTRY = {
    "type": "object",
    "description": "One dated status of the segment, backed by passages.",
    "additionalProperties": False,
    "required": ["year", "status", "dated_by", "passages"],
    "properties": {
        "year": {
            "type": "integer",
            "minimum": 1990,
            "maximum": 2100,
            "description": "The year from which this status holds, as the passages date it.",
        },
        "status": ident("A status id from data/vocabulary.json (statuses)."),
        "dated_by": ident(
            "How the year was found: a dated_by id from data/vocabulary.json "
            "(event, citation, relative, publication)."
        ),
        "passages": id_list("Ids of the passages that state this status.", 1),
        "note": text(
            "Editor's note: why these passages support this status. Our words, not the source's."
        ),
    },
}

STATED_LENGTH = {
    "type": "object",
    "additionalProperties": False,
    "required": ["km", "passages"],
    "properties": {
        "km": {"type": "number", "exclusiveMinimum": 0, "description": "The length in km."},
        "passages": id_list("Ids of the passages that state this length.", 1),
        "note": text("Why the drawn length may differ from the stated one by more than 15%."),
    },
}

SEGMENT_PROPERTIES = {
    "id": ident("Unique across all layers, kebab-case; used in shared URLs."),
    "corridor": ident("The corridor id from data/corridors.json this segment belongs to."),
    "name": text("Display name, in the sources' own wording where they name it."),
    "aliases": {
        "type": "array",
        "description": "Other names and spellings users search for.",
        "items": {"type": "string", "minLength": 1},
        "uniqueItems": True,
    },
    "mode": ident("A mode id from data/vocabulary.json (rail, road, sea, unspecified)."),
    "countries": {
        "type": "array",
        "description": "ISO 3166-1 alpha-2 codes of the countries the segment crosses.",
        "items": {"type": "string", "pattern": "^[A-Z]{2}$"},
        "uniqueItems": True,
        "minItems": 1,
    },
    "statuses": {
        "type": "array",
        "description": (
            "Dated status history, sorted by year; the first entry is the first mention."
        ),
        "items": STATUS_ENTRY,
        "minItems": 1,
    },
    "passages": id_list("Ids of every passage about this segment.", 1),
    "precision": ident("How the geometry was drawn: a precision id from data/vocabulary.json."),
    "geometry_note": text("How the line was drawn and through which places. Not a source fact."),
    "length_km_stated": {
        "description": "The segment's length as a source states it, or null where none does.",
        "oneOf": [{"type": "null"}, STATED_LENGTH],
    },
}

LAYER = {
    "$schema": DRAFT,
    "$id": "layer.schema.json",
    "title": "Corridor layer",
    "description": "One corridor's segments as an RFC 7946 FeatureCollection.",
    "type": "object",
    "additionalProperties": False,
    "required": ["type", "features"],
    "properties": {
        "type": {"const": "FeatureCollection", "description": "Always FeatureCollection."},
        "features": {
            "type": "array",
            "description": "The corridor's segments, one Feature each.",
            "minItems": 1,
            "items": {
                "type": "object",
                "description": "A segment: the unit a user clicks.",
                "additionalProperties": False,
                "required": ["type", "properties", "geometry"],
                "properties": {
                    "type": {"const": "Feature", "description": "Always Feature."},
                    "properties": {
                        "type": "object",
                        "description": "The segment's sourced attributes.",
                        "additionalProperties": False,
                        "required": list(SEGMENT_PROPERTIES),
                        "properties": SEGMENT_PROPERTIES,
                    },
                    "geometry": {
                        "type": "object",
                        "description": "A LineString or MultiLineString in [lon, lat].",
                        "additionalProperties": False,
                        "required": ["type", "coordinates"],
                        "properties": {
                            "type": {
                                "enum": ["LineString", "MultiLineString"],
                                "description": "The geometry type.",
                            },
                            "coordinates": {
                                "description": "Positions of the line (or lines).",
                                "oneOf": [LINE, {"type": "array", "items": LINE, "minItems": 1}],
                            },
                        },
                    },
                },
            },
        },
    },
}

PASSAGES = {
    "$schema": DRAFT,
    "$id": "passages.schema.json",
    "title": "Passages",
    "description": "Verbatim quotes from the seeds, located by code-point offsets.",
    "type": "array",
    "minItems": 1,
    "items": {
        "type": "object",
        "additionalProperties": False,
        "required": ["id", "seed", "start", "end", "text"],
        "properties": {
            "id": ident("Unique passage id, kebab-case."),
            "seed": {
                "type": "string",
                "pattern": "^[^/\\\\]+\\.txt$",
                "description": "File name of the seed in seeds/.",
            },
            "start": {
                "type": "integer",
                "minimum": 0,
                "description": (
                    "0-based code-point offset of the first character in the decoded seed."
                ),
            },
            "end": {
                "type": "integer",
                "minimum": 1,
                "description": "End-exclusive code-point offset: text == seed[start:end].",
            },
            "text": text("The exact slice of the seed, character for character."),
            "speaker": text(
                "Who is quoted or reported in the passage, as named in the passage text."
            ),
        },
    },
}

EVIDENCE = {
    "type": "object",
    "description": "Where the seed states the field: an exact slice of the seed.",
    "additionalProperties": False,
    "required": ["start", "end", "text"],
    "properties": {
        "start": {"type": "integer", "minimum": 0, "description": "0-based code-point offset."},
        "end": {"type": "integer", "minimum": 1, "description": "End-exclusive offset."},
        "text": text("The exact slice of the seed that states the field."),
    },
}
META_FIELDS = ["title", "outlet", "author", "published", "url", "licence"]
SOURCES = {
    "$schema": DRAFT,
    "$id": "sources.schema.json",
    "title": "Sources",
    "description": "What each seed document is. Unknown fields are null, never guessed.",
    "type": "array",
    "minItems": 1,
    "items": {
        "type": "object",
        "additionalProperties": False,
        "required": ["seed", "sha256", "language", *META_FIELDS, "evidence", "inferred"],
        "properties": {
            "seed": text("File name in seeds/."),
            "sha256": {
                "type": "string",
                "pattern": "^[0-9a-f]{64}$",
                "description": "SHA-256 of the seed's bytes.",
            },
            "language": text("BCP 47 language of the text the passages quote."),
            "title": {"type": ["string", "null"], "description": "The document's title."},
            "outlet": {"type": ["string", "null"], "description": "Publisher or outlet."},
            "author": {"type": ["string", "null"], "description": "Author or authors."},
            "published": {
                "type": ["string", "null"],
                "pattern": "^[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?$",
                "description": "Publication date as YYYY, YYYY-MM or YYYY-MM-DD.",
            },
            "url": {"type": ["string", "null"], "description": "Where the document is online."},
            "licence": {"type": ["string", "null"], "description": "The licence it is under."},
            "evidence": {
                "type": "object",
                "description": "For each stated field, the slice of the seed that states it.",
                "propertyNames": {"enum": META_FIELDS},
                "additionalProperties": EVIDENCE,
            },
            "inferred": {
                "type": "object",
                "description": "For each inferred field, the reason it was inferred.",
                "propertyNames": {"enum": META_FIELDS},
                "additionalProperties": text("Why this value was inferred, from what."),
            },
        },
    },
}

CORRIDORS = {
    "$schema": DRAFT,
    "$id": "corridors.schema.json",
    "title": "Corridors",
    "description": "One record per layer: the corridor's name and what is said of it as a whole.",
    "type": "array",
    "minItems": 1,
    "items": {
        "type": "object",
        "additionalProperties": False,
        "required": ["id", "name", "layer", "aliases", "passages", "stated_lengths"],
        "properties": {
            "id": ident("Corridor id, kebab-case; segments name it in `corridor`."),
            "name": text("Display name."),
            "layer": {
                "type": "string",
                "pattern": "^[a-z0-9-]+\\.geojson$",
                "description": "File name of the corridor's layer in layers/.",
            },
            "aliases": {
                "type": "array",
                "description": "Other names and spellings users search for.",
                "items": {"type": "string", "minLength": 1},
                "uniqueItems": True,
            },
            "passages": id_list("Passages about the corridor as a whole, not one segment."),
            "stated_lengths": {
                "type": "array",
                "description": "Lengths the sources state for a route made of several segments.",
                "items": {
                    "type": "object",
                    "additionalProperties": False,
                    "required": ["of", "km", "passages", "segments"],
                    "properties": {
                        "of": text("What the length is of, in the source's terms."),
                        "km": {"type": "number", "exclusiveMinimum": 0, "description": "km."},
                        "passages": id_list("Passages that state the length.", 1),
                        "segments": id_list("Segments whose drawn lengths add up to it.", 1),
                        "note": text("Why the drawn sum may differ by more than 15%."),
                    },
                },
            },
        },
    },
}

CONFLICTS = {
    "$schema": DRAFT,
    "$id": "conflicts.schema.json",
    "title": "Conflicts",
    "description": "Where passages disagree, are ambiguous, or differ from the drawn geography.",
    "type": "array",
    "items": {
        "type": "object",
        "additionalProperties": False,
        "required": ["id", "kind", "topic", "segments", "passages", "note"],
        "properties": {
            "id": ident("Conflict id, kebab-case."),
            "kind": ident("A conflict_kinds id from data/vocabulary.json."),
            "topic": text("The question the passages answer differently, in a few words."),
            "segments": id_list("Segments the conflict concerns.", 1),
            "passages": id_list("The passages involved; all are shown side by side.", 1),
            "note": text("Editor's note: what differs. Our words, not the source's."),
        },
    },
}

TERM = {
    "type": "object",
    "additionalProperties": False,
    "required": ["id", "label", "definition"],
    "properties": {
        "id": ident("The term's id, as used in the data and URLs."),
        "label": text("How the term is shown."),
        "definition": text("What the term means, for the legend and the docs."),
    },
}
VOCABULARY = {
    "$schema": DRAFT,
    "$id": "vocabulary.schema.json",
    "title": "Vocabulary",
    "description": "The small closed sets of terms the data uses, each defined.",
    "type": "object",
    "additionalProperties": False,
    "required": ["statuses", "modes", "precisions", "dated_by", "conflict_kinds"],
    "properties": {
        name: {"type": "array", "description": desc, "items": TERM, "minItems": 1}
        for name, desc in [
            ("statuses", "Segment statuses, in order from first idea to dispute."),
            ("modes", "Transport modes."),
            ("precisions", "How precisely a geometry was drawn."),
            ("dated_by", "How a status entry's year was found."),
            ("conflict_kinds", "Kinds of conflict between passages."),
        ]
    },
}

SCHEMAS = {
    "layer": LAYER,
    "passages": PASSAGES,
    "sources": SOURCES,
    "corridors": CORRIDORS,
    "conflicts": CONFLICTS,
    "vocabulary": VOCABULARY,
}


def main() -> None:
    out = ROOT / "data" / "schema"
    out.mkdir(parents=True, exist_ok=True)
    for name, schema in SCHEMAS.items():
        path = out / f"{name}.schema.json"
        path.write_text(json.dumps(schema, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
