"""What went over the WebSocket in a window: the page's recorded messages, decoded with
Streamlit's own protobuf classes, as bytes received, reruns, script times and cache references."""

from __future__ import annotations

import base64
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

DONE = (ForwardMsg.FINISHED_SUCCESSFULLY, ForwardMsg.FINISHED_FRAGMENT_RUN_SUCCESSFULLY)
"""A run that completed: the whole script, or only a fragment (a click on the app's map)."""


@dataclass(frozen=True)
class Message:
    """One WebSocket message: when the page saw it (top page clock, ms), which way, its size
    in bytes and its protobuf type (the `type` oneof of ForwardMsg or BackMsg)."""

    t: float
    sent: bool
    size: int
    kind: str
    finished: int | None = None
    """For script_finished: how the run ended (ForwardMsg.ScriptFinishedStatus)."""


def decode(raw: Iterable[dict[str, Any]]) -> list[Message]:
    """Messages as the page's recorder drained them: {t, dir, size, b64}."""
    messages = []
    for item in raw:
        data = base64.b64decode(item["b64"])
        sent = item["dir"] == "out"
        proto = BackMsg.FromString(data) if sent else ForwardMsg.FromString(data)
        kind = proto.WhichOneof("type") or ""
        finished = proto.script_finished if kind == "script_finished" else None
        messages.append(Message(item["t"], sent, item["size"], kind, finished))
    return messages


@dataclass
class Traffic:
    """What a window of messages amounts to."""

    received_bytes: int = 0
    reruns: int = 0
    """rerun_script requests the page sent."""
    script_ms: list[float] = field(default_factory=list)
    """Per completed run: from the request that started it to its script_finished."""
    ref_hashes: int = 0
    """Forward-message cache references: an unchanged element of 10 KB or more, not re-sent."""
    ref_hash_bytes: int = 0


def traffic(messages: Iterable[Message], until: float | None = None) -> Traffic:
    """Sum up the messages up to `until` (all when None).

    A request sent while a run is under way interrupts it: the run ends FINISHED_EARLY_FOR_RERUN
    and the next run answers the latest request, so a run's time counts from the latest one.
    """
    summary = Traffic()
    requested: float | None = None
    for message in messages:
        if until is not None and message.t > until:
            break
        if message.sent:
            if message.kind == "rerun_script":
                summary.reruns += 1
                requested = message.t
            continue
        summary.received_bytes += message.size
        if message.kind == "ref_hash":
            summary.ref_hashes += 1
            summary.ref_hash_bytes += message.size
        if message.finished in DONE and requested is not None:
            summary.script_ms.append(message.t - requested)
            requested = None
    return summary


@dataclass(frozen=True)
class Phases:
    """Where one input's time went, on the page's clock (ms); the three add up to the whole."""

    request_ms: float
    """Input to the page sending its rerun request: for a map click, st_folium's fixed 250 ms
    debounce and the component's message to the page; Streamlit and the app play no part."""
    server_ms: float
    """That request to the last message the page received before the result showed: the
    server's rerun and the messages it sent back."""
    render_ms: float
    """That message to the result on screen: the browser's own work (React, the map frame)."""


def phases(messages: Iterable[Message], started: float, done: float) -> Phases | None:
    """Split the time from `started` (the input) to `done` (the result shown) at the first
    rerun request after the input and at the last message received before `done`; None when
    either is missing (no rerun, or nothing arrived in between)."""
    ordered = sorted(messages, key=lambda message: message.t)
    requests = [m.t for m in ordered if m.sent and m.kind == "rerun_script" and m.t >= started]
    if not requests or requests[0] > done:
        return None
    request = requests[0]
    received = [m.t for m in ordered if not m.sent and request <= m.t <= done]
    if not received:
        return None
    return Phases(request - started, received[-1] - request, done - received[-1])
