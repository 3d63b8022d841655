"""Embeddings behind one interface: ``local`` (no download, ever) and ``gemini`` (with a key).

Chroma's default embedding function downloads a model on first use, which fails offline and
would silently change retrieval; every collection is therefore created with one of these,
registered with Chroma so a collection reopens with the same function.

``local`` hashes word unigrams and bigrams into a fixed-width vector (scikit-learn's
HashingVectorizer, L2-normalised; no stop-word list, since "out" and "back" carry the news):
lexical overlap, no semantics, deterministic across processes and machines. ``gemini`` calls
the Gemini embedding model through google-genai.
"""

from __future__ import annotations

from typing import Any

from chromadb.api.types import Documents, EmbeddingFunction, Embeddings
from chromadb.utils.embedding_functions import register_embedding_function

from warehouse.errors import InputError, LiveSourceUnavailable
from warehouse.settings import IntelSettings

LOCAL_FEATURES = 2**10


@register_embedding_function
class LocalHashingEmbedding(EmbeddingFunction[Documents]):
    """Word 1-2 grams hashed into ``n_features`` dimensions; fast and needs nothing but scikit-learn."""

    def __init__(self, n_features: int = LOCAL_FEATURES):
        from sklearn.feature_extraction.text import HashingVectorizer

        self.n_features = n_features
        self._vectorizer = HashingVectorizer(n_features=n_features, ngram_range=(1, 2), alternate_sign=False, norm="l2")

    def __call__(self, input: Documents) -> Embeddings:
        matrix = self._vectorizer.transform(list(input))
        return [row for row in matrix.toarray().astype("float32")]

    @staticmethod
    def name() -> str:
        return "courtside-local-hashing"

    def default_space(self) -> str:
        return "cosine"

    def supported_spaces(self) -> list[str]:
        return ["cosine"]

    def get_config(self) -> dict[str, Any]:
        return {"n_features": self.n_features}

    @staticmethod
    def build_from_config(config: dict[str, Any]) -> LocalHashingEmbedding:
        return LocalHashingEmbedding(int(config.get("n_features", LOCAL_FEATURES)))


@register_embedding_function
class GeminiEmbedding(EmbeddingFunction[Documents]):
    """The Gemini embedding model (google-genai); the key is read from the settings, never stored."""

    BATCH = 100  # the API's limit of texts per request

    def __init__(self, model: str, api_key: str | None = None, client: Any = None):
        self.model = model
        self._api_key = api_key
        self._client = client

    def _get_client(self):
        if self._client is None:
            from google import genai

            from warehouse.settings import get_settings

            key = self._api_key or get_settings().intel.gemini_api_key
            if not key:
                raise InputError("the gemini embedding needs GEMINI_API_KEY (or use COURTSIDE_INTEL_EMBEDDING=local)")
            self._client = genai.Client(api_key=key)
        return self._client

    def __call__(self, input: Documents) -> Embeddings:
        from google.genai import errors

        client, texts, out = self._get_client(), list(input), []
        for start in range(0, len(texts), self.BATCH):
            try:
                response = client.models.embed_content(model=self.model, contents=texts[start : start + self.BATCH])
            except errors.APIError as exc:
                raise LiveSourceUnavailable(f"Gemini embedding {self.model} failed: {exc}") from exc
            out += [e.values for e in response.embeddings]
        return out

    @staticmethod
    def name() -> str:
        return "courtside-gemini"

    def default_space(self) -> str:
        return "cosine"

    def supported_spaces(self) -> list[str]:
        return ["cosine"]

    def get_config(self) -> dict[str, Any]:
        return {"model": self.model}

    @staticmethod
    def build_from_config(config: dict[str, Any]) -> GeminiEmbedding:
        return GeminiEmbedding(config["model"])


PROVIDERS = ("local", "gemini")


def embedding_for(provider: str, settings: IntelSettings) -> EmbeddingFunction:
    if provider == "local":
        return LocalHashingEmbedding()
    if provider == "gemini":
        return GeminiEmbedding(settings.gemini_embedding_model, settings.gemini_api_key)
    raise InputError(f"unknown embedding provider {provider!r} (one of {', '.join(PROVIDERS)})")
