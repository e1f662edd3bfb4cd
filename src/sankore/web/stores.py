"""One store connection per worker thread (a SQLite connection belongs to the thread that
opened it), for the web app's endpoints."""

from __future__ import annotations

import threading

from fastapi import Request

from ..store import Store, open_store


class Stores:
    """One open store per thread, for one database URL."""

    def __init__(self, url: str) -> None:
        self.url = url
        self._local = threading.local()
        self._lock = threading.Lock()
        self._opened: list[Store] = []

    def get(self) -> Store:
        store: Store | None = getattr(self._local, "store", None)
        if store is None:
            store = open_store(self.url)
            self._local.store = store
            with self._lock:
                self._opened.append(store)
        return store

    def close(self) -> None:
        with self._lock:
            for store in self._opened:
                try:
                    store.close()
                except Exception:  # a connection of a thread that is gone: nothing to keep
                    pass
            self._opened.clear()


def store_of(request: Request) -> Store:
    """The calling thread's store. Endpoints call it in their body, not as a dependency:
    FastAPI may run a dependency in another worker thread than the endpoint."""
    stores: Stores = request.app.state.stores
    return stores.get()
