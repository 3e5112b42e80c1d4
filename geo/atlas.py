"""What the page serves, loaded once: data, seed texts, base map, segment file, URL choices."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from geo.assets import STATIC_DIR, asset_url
from geo.load import load_dataset, read_json
from geo.mapdata import MapData, build_map_data, publish
from geo.mapview import Labels, SegmentLayer
from geo.models import Dataset, Segment
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
    ordered: tuple[Segment, ...]
    """Every segment in display order (geo.timeline.ordered_segments), sorted once."""
    map_data: MapData
    published: bool
    """Whether the segment file is served from static/; if not, the page embeds it."""

    def segment_layer(self) -> SegmentLayer:
        """The map's segment layer: by URL when the file is served, else embedded (slower:
        the data then travels with the map script)."""
        if self.published:
            return SegmentLayer(asset_url(self.map_data.file_name))
        return SegmentLayer(None, json.loads(self.map_data.payload))


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
        passages=tuple((passage.id, passage.seed) for passage in dataset.passages.values()),
        seeds=frozenset(dataset.sources),
    )


def load_atlas(paths: DataPaths, dataset: Dataset | None = None) -> Atlas:
    """Read a validated data set and the base map; call only after validation passed, or
    pass the part of a data set that geo.salvage spared."""
    dataset = dataset if dataset is not None else load_dataset(paths)
    basemap = read_json(BASEMAP)
    labels = Labels.of(dataset)
    map_data = build_map_data(dataset, labels)
    return Atlas(
        dataset=dataset,
        seeds={name: seed.text or "" for name, seed in read_seeds(paths.seeds).items()},
        basemap=basemap,
        countries=country_names(basemap),
        choices=choices_of(dataset),
        labels=labels,
        ordered=tuple(ordered_segments(dataset)),
        map_data=map_data,
        published=publish(map_data, STATIC_DIR),
    )
