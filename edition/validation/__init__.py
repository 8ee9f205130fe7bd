"""Validation of the edition's TEI files, in modules of one concern each.

``report`` (problems and their printed forms), ``source`` (safe reading, locations),
``model`` (what a RELAX NG schema allows, for messages), ``wording`` (messages in an
editor's words), ``relaxng`` (lxml and jing engines), ``schematron`` (compiler and
runner), ``validator`` (the three checks in order). Import from :mod:`edition.validate`.
"""
