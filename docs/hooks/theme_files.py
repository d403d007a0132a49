"""Under `mkdocs serve`, find the theme's static files once per process, not on every build.

Each build (and each language's build) lists the theme's static files, CSS, JavaScript, images,
by walking every theme directory and matching each name against MkDocs' exclusion patterns.
Material ships some 14,500 files (mostly icons), which costs about 0.2 s per language on every
reload, for a list that cannot change while the theme stays installed. Under `mkdocs serve` the
list is remembered per set of theme directories; each build still gets its own File objects, and
a project file of the same name still wins over the theme's. With a ``custom_dir`` (theme files
in the project, which an author edits while serving) the theme is listed on every build as usual.
"""

from __future__ import annotations

import sys
import types

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files

# MkDocs imports hook modules afresh on every `mkdocs serve` rebuild; the list outlives that.
_shared = sys.modules.setdefault("_xentdocs_hook_state", types.ModuleType("_xentdocs_hook_state"))
if not hasattr(_shared, "theme_files"):
    _shared.theme_files = {"serving": False, "found": {}}
_state: dict = _shared.theme_files


def _install() -> None:
    add_files_from_theme = Files.add_files_from_theme
    if getattr(add_files_from_theme, "_xentdocs_remembers", False):
        return

    def remembering(files: Files, env, config: MkDocsConfig) -> None:
        if not _state["serving"] or config.theme.custom_dir is not None:
            return add_files_from_theme(files, env, config)
        key = (tuple(config.theme.dirs), tuple(sorted(config.theme.static_templates)))
        if key not in _state["found"]:
            listed = Files([])
            add_files_from_theme(listed, env, config)
            _state["found"][key] = [(file.src_uri, file.src_dir) for file in listed]
        for path, directory in _state["found"][key]:
            if files.get_file_from_path(path) is None:  # as MkDocs: the project's files win
                files.append(File(path, directory, config.site_dir, config.use_directory_urls))
        return None

    remembering._xentdocs_remembers = True
    Files.add_files_from_theme = remembering


def on_startup(command: str, dirty: bool) -> None:
    _state["serving"] = command == "serve"
    if _state["serving"]:
        _install()
