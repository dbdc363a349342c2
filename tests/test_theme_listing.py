"""The theme as MkDocs reads it: its files listed without walking hidden folders (theme_listing.py), its search settings."""

from __future__ import annotations

from conftest import ROOT
from mkdocs.config import load_config
from mkdocs.structure.files import Files

from imhsite.theme_listing import ThemeLoader, skip_hidden_folders


def _theme_files(env, config) -> list[tuple[str, str]]:
    files = Files([])
    files.add_files_from_theme(env, config)
    return [(file.src_uri, file.abs_src_path) for file in files]


def test_the_theme_files_mkdocs_copies_are_the_same_without_walking_hidden_folders():
    config = load_config(str(ROOT / "mkdocs.yml"))
    walked = config.theme.get_env()
    skip_hidden_folders(config.theme)
    pruned = config.theme.get_env()
    assert isinstance(pruned.loader, ThemeLoader) and not isinstance(walked.loader, ThemeLoader)
    every = walked.list_templates()
    assert any(name.startswith(".icons/") for name in every)  # Material's 14,000 icons: what is skipped
    assert not any(part.startswith(".") for name in pruned.list_templates() for part in name.split("/"))
    assert set(pruned.list_templates()) == {name for name in every if not any(p.startswith(".") for p in name.split("/"))}
    copied = _theme_files(pruned, config)
    assert copied == _theme_files(walked, config)
    assert any(uri.startswith("assets/javascripts/") for uri, _ in copied)
    assert any(path.startswith(str(ROOT / "templates")) for _, path in copied)  # our theme folder's own files


def test_the_search_settings_written_in_mkdocs_yml_are_materials_own_for_the_themes_language():
    config = load_config(str(ROOT / "mkdocs.yml"))
    search = config.plugins["material/search"]
    written = (search.config.lang, search.config.separator, search.config.pipeline)
    materials = ([search._translate(config, "search.config.lang")], search._translate(config, "search.config.separator"),
                 [step.strip() for step in search._translate(config, "search.config.pipeline").split(",") if step.strip()])
    assert written == materials
