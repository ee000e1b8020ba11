"""Results worth keeping between requests, per worker process (plain Python).

The analytics key them by database, companies, whose customers and as of when (see
``b2b.analytics.reading._cached``), and drop them when the facts change.
"""

import threading
from collections import OrderedDict


class ResultCache:
    """Results worth keeping between requests (RFM scores, the at-risk list,
    forecasts, retention rates, per-customer statistics), per worker process:
    ``{key: (the snapshot and id of the transaction it was read in, value)}``,
    at most ``max_entries`` entries and ``max_rows`` list rows in all, the least
    recently used dropped first, so callers inventing keys (any ``as_of``) cannot grow
    it."""

    def __init__(self, max_entries, max_rows):
        self.max_entries, self.max_rows = max_entries, max_rows
        self._entries = OrderedDict()
        self._rows = 0
        self._lock = threading.Lock()

    @staticmethod
    def _size(entry):
        value = entry[-1]
        parts = value if isinstance(value, tuple) else (value,)  # a value of several parts
        return max(1, sum(len(part) for part in parts if isinstance(part, list | dict)))

    def get(self, key):
        with self._lock:
            entry = self._entries.get(key)
            if entry is not None:
                self._entries.move_to_end(key)
            return entry

    def put(self, key, entry):
        with self._lock:
            old = self._entries.pop(key, None)
            if old is not None:
                self._rows -= self._size(old)
            self._entries[key] = entry
            self._rows += self._size(entry)
            while len(self._entries) > 1 and (
                len(self._entries) > self.max_entries or self._rows > self.max_rows
            ):
                _key, dropped = self._entries.popitem(last=False)
                self._rows -= self._size(dropped)

    def clear(self):
        with self._lock:
            self._entries.clear()
            self._rows = 0

    def __len__(self):
        return len(self._entries)

    @property
    def rows(self):
        return self._rows


RESULT_CACHE = ResultCache(max_entries=256, max_rows=250_000)
