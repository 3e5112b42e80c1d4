"""Everything the page serves, loaded once: data set, seed texts, base map and URL choices."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from geo.load import load_dataset, read_json
from geo.mapview import Labels
from geo.models import Dataset
from geo.panel import country_names
from geo.paths import BASEMAP, DataPaths
from geo.seeds import read_seeds
from geo.timeline import ordered_segments, year_span
from geo.urlstate import Choices, MapView

HOME = MapView(lat=41.5, lon=50.0, zoom=5)
"""The default view: the Caspian with the Caucasus to its west and Iran's coast to its south."""


@dataclass(frozen=True)
class Atlas:
    """The read-only data one server shares between all sessions."""

    dataset: Dataset
    seeds: dict[str, str]
    basemap: dict[str, Any]
    countries: dict[str, str]
    choices: Choices
    labels: Labels


def choices_of(dataset: Dataset) -> Choices:
    """What a URL may name in this data set, in display order."""
    vocabulary = dataset.vocabulary
    modes_used = {segment.mode for segment in dataset.segments.values()}
    return Choices(
        years=year_span(dataset),
        statuses=tuple(term.id for term in vocabulary.statuses),
        modes=tuple(term.id for term in vocabulary.modes if term.id in modes_used),
        corridors=tuple(dataset.corridors),
        segments=frozenset(segment.id for segment in ordered_segments(dataset)),
        home=HOME,
    )


def load_atlas(paths: DataPaths) -> Atlas:
    """Read a validated data set and the base map; call only after validation passed."""
    dataset = load_dataset(paths)
    basemap = read_json(BASEMAP)
    return Atlas(
        dataset=dataset,
        seeds={name: seed.text or "" for name, seed in read_seeds(paths.seeds).items()},
        basemap=basemap,
        countries=country_names(basemap),
        choices=choices_of(dataset),
        labels=Labels.of(dataset),
    )
