"""Settings: defaults, and bad values rejected with a message naming the variable."""

from __future__ import annotations

from pathlib import Path

import pytest

from qa.errors import ConfigError
from qa.settings import Settings, default_embedding_model


def env(tmp_path: Path, **extra: str) -> dict[str, str]:
    return {"NEWSDESK_ARTICLES_DIR": str(tmp_path), "NEWSDESK_DATA_DIR": str(tmp_path / "d"), **extra}


def test_defaults(tmp_path: Path) -> None:
    s = Settings.from_env(env(tmp_path))
    assert s.articles_dir == tmp_path
    assert s.embedding_model == default_embedding_model()
    assert Path(s.embedding_model, "config.json").is_file()
    assert (s.top_k, s.chunk_size, s.chunk_overlap, s.host, s.port) == (5, 200, 32, "127.0.0.1", 7860)


def test_defaults_are_relative_to_the_working_directory(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "seeds").mkdir()
    monkeypatch.chdir(tmp_path)
    s = Settings.from_env({})
    assert s.articles_dir == Path("seeds")
    assert s.data_dir == Path(".newsdesk")


def test_values_are_read(tmp_path: Path) -> None:
    s = Settings.from_env(
        env(
            tmp_path,
            NEWSDESK_TOP_K="8",
            NEWSDESK_CHUNK_SIZE="128",
            NEWSDESK_CHUNK_OVERLAP="0",
            NEWSDESK_MIN_SCORE="0.4",
            NEWSDESK_HOST="0.0.0.0",
            NEWSDESK_EMBEDDING_MODEL="/models/x",
        )
    )
    assert (s.top_k, s.chunk_size, s.chunk_overlap, s.min_score) == (8, 128, 0, 0.4)
    assert (s.host, s.embedding_model) == ("0.0.0.0", "/models/x")


@pytest.mark.parametrize(
    ("extra", "variable"),
    [
        ({"NEWSDESK_TOP_K": "-1"}, "NEWSDESK_TOP_K"),
        ({"NEWSDESK_TOP_K": "0"}, "NEWSDESK_TOP_K"),
        ({"NEWSDESK_TOP_K": "five"}, "NEWSDESK_TOP_K"),
        ({"NEWSDESK_CHUNK_SIZE": "100", "NEWSDESK_CHUNK_OVERLAP": "100"}, "NEWSDESK_CHUNK_OVERLAP"),
        ({"NEWSDESK_CHUNK_SIZE": "100", "NEWSDESK_CHUNK_OVERLAP": "150"}, "NEWSDESK_CHUNK_OVERLAP"),
        ({"NEWSDESK_CHUNK_OVERLAP": "-3"}, "NEWSDESK_CHUNK_OVERLAP"),
        ({"NEWSDESK_CHUNK_SIZE": "4"}, "NEWSDESK_CHUNK_SIZE"),
        ({"NEWSDESK_MIN_SCORE": "high"}, "NEWSDESK_MIN_SCORE"),
        ({"NEWSDESK_PORT": "70000"}, "NEWSDESK_PORT"),
        ({"NEWSDESK_MAX_FILE_MB": "0"}, "NEWSDESK_MAX_FILE_MB"),
        ({"NEWSDESK_PRECISION": "fp16"}, "NEWSDESK_PRECISION"),
    ],
)
def test_bad_value_names_the_variable(tmp_path: Path, extra: dict[str, str], variable: str) -> None:
    with pytest.raises(ConfigError, match=variable):
        Settings.from_env(env(tmp_path, **extra))


def test_missing_articles_folder_names_the_variable_when_ingesting(tmp_path: Path) -> None:
    from ingest import sync

    settings = Settings.from_env(
        {"NEWSDESK_ARTICLES_DIR": str(tmp_path / "nope")}
    )  # questions need no articles
    with pytest.raises(ConfigError, match="NEWSDESK_ARTICLES_DIR") as info:
        sync(settings)
    assert str(tmp_path / "nope") in str(info.value)


def test_data_dir_that_is_a_file_is_rejected(tmp_path: Path) -> None:
    (tmp_path / "file").write_text("x")
    with pytest.raises(ConfigError, match="NEWSDESK_DATA_DIR"):
        Settings.from_env(
            {"NEWSDESK_ARTICLES_DIR": str(tmp_path), "NEWSDESK_DATA_DIR": str(tmp_path / "file")}
        )


def test_settings_are_frozen(tmp_path: Path) -> None:
    s = Settings.from_env(env(tmp_path))
    with pytest.raises(AttributeError):
        s.top_k = 3  # type: ignore[misc]


def test_precision_is_read_and_defaults_to_auto(tmp_path: Path) -> None:
    assert Settings.from_env(env(tmp_path)).precision == "auto"
    assert Settings.from_env(env(tmp_path, NEWSDESK_PRECISION="BF16")).precision == "bf16"
