"""The catalogue read model of the store a reader reads, checked against the catalogue's stamp before it answers.

The stamp is read first, in the caller's read transaction (current()) or in the one statement that also reads the
devolved powers (held()), before anything the model answers from: a write committed meanwhile can only make the model
look older than it is (and reload on the next request), never newer. Every request checks, so a catalogue write
through a loader or another API process is seen by the next request anywhere. A model and its dated facts are only
ever loaded in current()'s transaction, which one server answers, never from reads that could come from two.
Models are kept by stamp: a stamp is random and new with every catalogue write, so it names one state of one store.
A store no catalogue write has stamped (loaded before the stamp existed) is read by the statements until its next
catalogue write. Off (`enabled = False`), callers read the statements as before: the benchmarks measure both ways.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from datetime import date

from graphsvc.catalogue.read_model import CatalogueModel
from graphsvc.cypher import query
from graphsvc.db import Reader

VERSION = query("catalogue/get_catalogue_version")
KEPT = 4  # stamps whose model stays (several stores, or a store read just before and after a write)

_models: OrderedDict[tuple[str, ...], CatalogueModel | None] = OrderedDict()
_lock = threading.Lock()
enabled = True


def current(reader: Reader) -> CatalogueModel | None:
    """The model of the reader's catalogue as of now (loaded through `reader` when its stamp is new), or None when
    the read model is off, the store has no stamp, or the model cannot hold this catalogue."""
    if not enabled:
        return None
    [row] = reader.read(VERSION)
    version = tuple(row["versions"])
    if not version:
        return None
    with _lock:
        if version in _models:
            _models.move_to_end(version)
            return _models[version]
        model = CatalogueModel.load(reader, version)  # under the lock: a new stamp is loaded once, not per thread
        _models[version] = model
        while len(_models) > KEPT:
            _models.popitem(last=False)
        return model


def held(version: tuple[str, ...], as_of: date) -> CatalogueModel | None:
    """The model held for a stamp the caller read, when its facts on the date are held too: an answer then needs
    nothing more of the catalogue from the store. None when the read model is off, the stamp is new (or none) or
    the date not read yet: the caller reads in one transaction (current()), which holds them for the next time."""
    if not enabled or not version:
        return None
    with _lock:
        model = _models.get(version)
        if model is not None:
            _models.move_to_end(version)
    return model if model is not None and model.holds_date(as_of) else None


def known(matter_id: str) -> bool:
    """Whether a model held now (unchecked) has this matter id: enough to skip looking a text up as a matter's code
    or name, since an exact id stays itself whether or not the matter still exists."""
    with _lock:
        return enabled and any(m is not None and matter_id in m.matters for m in _models.values())
