"""The pipeline's stages, one module each, with the files they read and write.

Each stage keeps its own incremental state (what it did last time, keyed by content
hashes) and its own per-document loop in one place:

* :mod:`edition.stages.convert`: seeds → ``tei/`` (state in ``tei/.generated.json``
  through :class:`edition.store.GeneratedStore`, caches in ``tei/.cache/``), then ``corpus.xml`` and
  ``registers.xml`` from the TEI master copy;
* :mod:`edition.stages.validate`: the validator over files and folders;
* :mod:`edition.stages.render`: ``tei/`` → the site's pages (state in
  ``site/.cache/render.json``);
* :mod:`edition.stages.search`: the search page, the timeline and ``search-index.js``
  (its records cached in the render state).

The pure work (reading a seed, encoding TEI, transforming with XSLT) lives in the
modules of the package (``convert.py``, ``encode.py``, ``render.py``, ``search.py``);
the stages only decide what must be done again and write the results.
:mod:`edition.build` re-exports the stage functions the CLI and the tests call.
"""
