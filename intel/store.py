"""The Chroma store under $COURTSIDE_HOME/chroma: one collection per embedding function and configuration.

Vectors from different models cannot share a collection, so switching provider (or its settings) means another
collection (and a first full index), never mixed vectors. Upserts are incremental: a document
whose id and content hash are already stored is not embedded again.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from intel.documents import Document
from intel.embeddings import embedding_for
from warehouse.settings import Settings, get_settings

BATCH = 500


@lru_cache(maxsize=4)
def _client(path: str):
    import chromadb
    from chromadb.config import Settings as ChromaSettings

    Path(path).mkdir(parents=True, exist_ok=True)
    return chromadb.PersistentClient(path=path, settings=ChromaSettings(anonymized_telemetry=False))


def collection_name(embedding: Any) -> str:
    """One collection per embedding function and configuration: vectors of two never mix."""
    import hashlib
    import json

    config = json.dumps({"name": embedding.name(), **embedding.get_config()}, sort_keys=True)
    return f"courtside_{embedding.name()}_{hashlib.sha1(config.encode()).hexdigest()[:8]}"


@dataclass
class Store:
    provider: str
    collection: Any
    embedding: Any  # the collection's embedding function, for queries

    @classmethod
    def open(cls, provider: str | None = None, settings: Settings | None = None) -> Store:
        settings = settings or get_settings()
        provider = provider or settings.intel.embedding_provider
        client = _client(str(settings.chroma_dir))
        embedding = embedding_for(provider, settings.intel)
        collection = client.get_or_create_collection(
            collection_name(embedding), embedding_function=embedding, configuration={"hnsw": {"space": "cosine"}}
        )
        return cls(provider, collection, embedding)

    @classmethod
    def default(cls, conn=None) -> Store:
        """The configured store, opened once per process (a server answers many requests with it) and
        opened afresh once the catalogue shows documents indexed since: an open Chroma client does not
        see what another process (the daily run) wrote to the same directory."""
        settings = get_settings()
        generation = catalogue_generation(conn) if conn is not None else None
        if generation is not None and _seen.get(str(settings.chroma_dir)) != generation:
            from chromadb.api.shared_system_client import SharedSystemClient

            _opened.cache_clear()
            _client.cache_clear()
            SharedSystemClient.clear_system_cache()
        if generation is not None:
            _seen[str(settings.chroma_dir)] = generation
        return _opened(settings.intel.embedding_provider, str(settings.chroma_dir))

    def count(self) -> int:
        return self.collection.count()

    def stored_hashes(self, ids: list[str]) -> dict[str, str]:
        found: dict[str, str] = {}
        for start in range(0, len(ids), BATCH * 10):
            got = self.collection.get(ids=ids[start : start + BATCH * 10], include=["metadatas"])
            found.update({i: m.get("content_hash", "") for i, m in zip(got["ids"], got["metadatas"], strict=True)})
        return found

    def upsert(self, documents: Iterable[Document]) -> tuple[int, int]:
        """(embedded, unchanged): only new or changed documents are embedded."""
        docs = {d.doc_id: d for d in documents}  # a repeated id keeps its last version
        stored = self.stored_hashes(list(docs))
        changed = [d for d in docs.values() if stored.get(d.doc_id) != d.content_hash]
        for start in range(0, len(changed), BATCH):
            batch = changed[start : start + BATCH]
            self.collection.upsert(
                ids=[d.doc_id for d in batch],
                documents=[d.text for d in batch],
                metadatas=[d.metadata() for d in batch],
            )
        return len(changed), len(docs) - len(changed)

    def similar(self, text: str, ids: list[str]) -> list[tuple[Document, float]]:
        """The stored documents ``ids`` with their cosine similarity to ``text`` (vectors are unit length)."""
        if not ids:
            return []
        import numpy as np

        got = self.collection.get(ids=ids, include=["documents", "metadatas", "embeddings"])
        if not got["ids"]:
            return []
        query = np.asarray(self.embedding.embed_query([text])[0], dtype="float32")
        query /= np.linalg.norm(query) or 1.0
        vectors = np.asarray(got["embeddings"], dtype="float32")
        norms = np.linalg.norm(vectors, axis=1)
        sims = vectors @ query / np.where(norms == 0, 1.0, norms)
        return [
            (Document.from_store(i, t, m), round(float(s), 6))
            for i, t, m, s in zip(got["ids"], got["documents"], got["metadatas"], sims, strict=True)
        ]


_seen: dict[str, str] = {}  # chroma dir -> the catalogue generation its open store was checked against


def catalogue_generation(conn) -> str | None:
    """When the warehouse's document catalogue last changed (None before the intelligence tables exist)."""
    if conn.execute("select to_regclass('ops.intelligence_documents')").fetchone()[0] is None:
        return None
    count, last = conn.execute("select count(*), max(indexed_at) from ops.intelligence_documents").fetchone()
    return f"{count}:{last}"


@lru_cache(maxsize=4)
def _opened(provider: str, chroma_dir: str) -> Store:
    return Store.open(provider)
