"""Model registry: artifacts on disk (sha256-checked), metadata in ``ops.model_registry``.

Artifacts live under ``$COURTSIDE_HOME/models/<version>.joblib``. A version is
``m<YYYYMMDD of the training cutoff>.<n>``. Status: candidate -> active -> retired; at most one
row is active (a partial unique index enforces it); promotion is explicit.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import joblib

from ml.model import GameModel
from warehouse.errors import CourtsideError, InputError
from warehouse.settings import get_settings


class ArtifactMismatch(CourtsideError):
    """The artifact on disk is not the one that was registered."""


def sha256_file(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def feature_hash(features: list[str]) -> str:
    return hashlib.sha256(json.dumps(list(features)).encode()).hexdigest()


def save_artifact(model: GameModel, version: str, models_dir: Path | None = None) -> tuple[Path, str]:
    models_dir = models_dir or get_settings().models_dir
    models_dir.mkdir(parents=True, exist_ok=True)
    path = models_dir / f"{version}.joblib"
    tmp = path.with_suffix(".tmp")
    joblib.dump(model, tmp)
    tmp.replace(path)
    return path, sha256_file(path)


def load_artifact(path: Path | str, sha256: str) -> GameModel:
    path = Path(path)
    if not path.exists():
        raise ArtifactMismatch(f"model artifact {path} is missing")
    actual = sha256_file(path)
    if actual != sha256:
        raise ArtifactMismatch(f"model artifact {path} has sha256 {actual[:12]}..., registry says {sha256[:12]}...")
    return joblib.load(path)


@dataclass
class RegistryEntry:
    version: str
    status: str
    trained_before: date
    model_kind: str
    calibration: str
    artifact_path: str
    artifact_sha256: str
    features: list[str]
    validation_metrics: dict[str, Any]
    trained_at: Any = None

    def load(self) -> GameModel:
        return load_artifact(self.artifact_path, self.artifact_sha256)


_COLUMNS = (
    "version, status, trained_before, model_kind, calibration, artifact_path, artifact_sha256, features,"
    " validation_metrics, trained_at"
)


def next_version(conn, trained_before: date) -> str:
    prefix = f"m{trained_before:%Y%m%d}."
    n = conn.execute("select count(*) from ops.model_registry where version like %s", (prefix + "%",)).fetchone()[0]
    return f"{prefix}{n + 1}"


def register(
    conn, version: str, model: GameModel, trained_before: date, path: Path, sha256: str, training_hash: str
) -> None:
    conn.execute(
        "insert into ops.model_registry (version, train_start, train_end, trained_before, train_rows, model_kind,"
        " calibration, features, feature_hash, training_hash, hyperparameters, validation_metrics, artifact_path,"
        " artifact_sha256) values (%s,%s,%s,%s,%s,%s,%s,%s,%s,%s,%s,%s,%s,%s)",
        (
            version,
            model.train_start,
            model.train_end,
            trained_before,
            model.train_rows,
            model.kind,
            model.calibrator.method,
            json.dumps(model.features),
            feature_hash(model.features),
            training_hash,
            json.dumps(model.config.as_dict(), default=str),
            json.dumps(model.validation, default=float),
            str(path),
            sha256,
        ),
    )


def find_identical(conn, training_hash: str) -> RegistryEntry | None:
    """A registered model trained on exactly the same data, features and settings (artifact intact)."""
    rows = conn.execute(
        f"select {_COLUMNS} from ops.model_registry where training_hash = %s order by trained_at", (training_hash,)
    ).fetchall()
    for row in rows:
        entry = _entry(row)
        if Path(entry.artifact_path).exists() and sha256_file(Path(entry.artifact_path)) == entry.artifact_sha256:
            return entry
    return None


def resolve(conn, version: str) -> str:
    """``latest`` means the newest training cutoff (newest registration on ties)."""
    if version != "latest":
        return version
    row = conn.execute(
        "select version from ops.model_registry order by trained_before desc, trained_at desc, version desc limit 1"
    ).fetchone()
    if row is None:
        raise InputError("no models registered: run `courtside train` first")
    return row[0]


def _entry(row) -> RegistryEntry:
    return RegistryEntry(*row)


def get(conn, version: str) -> RegistryEntry:
    row = conn.execute(f"select {_COLUMNS} from ops.model_registry where version = %s", (version,)).fetchone()
    if row is None:
        raise InputError(f"unknown model version {version!r} (see `courtside model list`)")
    return _entry(row)


def active(conn) -> RegistryEntry | None:
    row = conn.execute(f"select {_COLUMNS} from ops.model_registry where status = 'active'").fetchone()
    return _entry(row) if row else None


def list_models(conn) -> list[RegistryEntry]:
    rows = conn.execute(f"select {_COLUMNS} from ops.model_registry order by trained_at, version").fetchall()
    return [_entry(r) for r in rows]


def promote(conn, version: str) -> str | None:
    """Make ``version`` the active model (checking its artifact); retire the previous one."""
    entry = get(conn, resolve(conn, version))
    version = entry.version
    load_artifact(entry.artifact_path, entry.artifact_sha256)
    previous = active(conn)
    if previous and previous.version == version:
        return previous.version
    with conn.transaction():
        conn.execute("update ops.model_registry set status='retired', retired_at=now() where status='active'")
        conn.execute(
            "update ops.model_registry set status='active', promoted_at=now(), retired_at=null where version=%s",
            (version,),
        )
    return previous.version if previous else None
