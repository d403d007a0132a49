"""Compile each Jinja template once per process, not once per build and language.

Every build creates fresh Jinja environments: Material's theme templates for each language, and
mkdocstrings' templates for the API reference (each language renders it). Compiling those
templates is a large share of a `mkdocs serve` reload, in which no template changes. A Jinja
bytecode cache, kept in memory for the life of the process and keyed by template name and a
checksum of its source, lets each environment load the compiled code instead. An edited template
has a new checksum, so it is compiled again.
"""

from __future__ import annotations

import sys
import types

from jinja2 import BytecodeCache
from mkdocs.config.defaults import MkDocsConfig


class MemoryBytecodeCache(BytecodeCache):
    """Jinja's bytecode cache in a dict (Jinja ships file and memcached ones only)."""

    def __init__(self) -> None:
        self.store: dict[str, bytes] = {}

    def load_bytecode(self, bucket) -> None:
        code = self.store.get(bucket.key)
        if code is not None:
            bucket.bytecode_from_string(code)

    def dump_bytecode(self, bucket) -> None:
        self.store[bucket.key] = bucket.bytecode_to_string()


# MkDocs imports hook modules afresh on every `mkdocs serve` rebuild; the cache outlives that.
_shared = sys.modules.setdefault("_xentdocs_hook_state", types.ModuleType("_xentdocs_hook_state"))
if not hasattr(_shared, "jinja_bytecode"):
    _shared.jinja_bytecode = MemoryBytecodeCache()
_cache = _shared.jinja_bytecode


def on_env(env, config: MkDocsConfig, files):
    env.bytecode_cache = _cache
    return env


def on_pre_build(config: MkDocsConfig) -> None:
    plugin = config.plugins.get("mkdocstrings")
    if plugin is not None:
        plugin.handlers.get_handler("python").env.bytecode_cache = _cache
