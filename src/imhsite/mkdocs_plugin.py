"""MkDocs adapter: adds the rendered files to a build and watches data/ and templates/.

Everything site-specific happens in render.py; moving to another engine means
writing another adapter like this one, not touching templates.
"""

from __future__ import annotations

from pathlib import Path

from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.livereload import LiveReloadServer
from mkdocs.plugins import BasePlugin, get_plugin_logger
from mkdocs.structure.files import File, Files

from .load import load_dataset
from .problems import DataError
from .render import Options, RenderedSite, RenderError, abbreviation_map, render_site

log = get_plugin_logger(__name__)


def hand_written_pages(docs_dir: Path) -> list[str]:
    """The Markdown pages of the docs folder, listed after the generated ones."""
    return sorted(p.relative_to(docs_dir).as_posix() for p in docs_dir.rglob("*.md"))


class _Config(base.Config):
    data_dir = c.Type(str, default="data")
    templates_dir = c.Type(str, default="templates")
    states = c.ListOfItems(c.Type(str), default=[])
    """State codes to publish; empty publishes every state in data/."""


class ImhsitePlugin(BasePlugin[_Config]):
    """Loads and validates data/ once per build and adds the generated pages."""

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        """Load the data (a data error stops the build) and render the generated files."""
        project = Path(config.config_file_path).parent
        self.data_dir = project / self.config.data_dir
        self.templates_dir = project / self.config.templates_dir
        try:
            dataset = load_dataset(self.data_dir)
        except DataError as err:
            raise PluginError("invalid data:\n" + "\n".join(str(p) for p in err.problems)) from None
        chosen = tuple(self.config.states) or None
        unknown = sorted(set(chosen or ()) - set(dataset.states))
        if unknown:
            raise PluginError(f"plugins.imhsite.states: no data for {', '.join(unknown)}")
        try:
            self.site: RenderedSite = render_site(dataset, self.templates_dir, Options(states=chosen))
        except RenderError as err:
            raise PluginError(f"template error: {err}") from None
        self.abbreviations = "\n".join(f"*[{k}]: {v}" for k, v in abbreviation_map(dataset).items())
        if not config.nav:
            config.nav = self.site.nav + hand_written_pages(Path(config.docs_dir))
        for path in self.site.files:
            if path.endswith(".css"):
                config.extra_css.append(path)
            elif path.endswith(".js"):
                config.extra_javascript.append(path)
        return config

    def on_files(self, files: Files, /, *, config: MkDocsConfig) -> Files:
        """Add every generated file as if it were in the docs folder."""
        for path, content in self.site.files.items():
            if files.get_file_from_path(path) is not None:
                raise PluginError(f"content/{path} would be replaced by a generated page; rename it")
            files.append(File.generated(config, path, content=content))
        return files

    def on_page_markdown(self, markdown: str, /, *, page, config: MkDocsConfig, files: Files) -> str:
        """Abbreviations become tooltips on every page (Python-Markdown's abbr extension)."""
        return f"{markdown}\n\n{self.abbreviations}\n"

    def on_serve(self, server: LiveReloadServer, /, *, config: MkDocsConfig, builder) -> LiveReloadServer:
        """Rebuild when data or templates change (content/ is the docs folder, watched already)."""
        server.watch(str(self.data_dir))
        server.watch(str(self.templates_dir))
        return server
