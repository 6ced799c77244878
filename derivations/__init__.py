"""The derivation scripts, one per derivation; installed as the package ``derive.derivations``.

Each script defines ``NAME``, ``TITLE``, ``SOURCE`` and ``TOPIC`` at module level (read without
importing the script, so that ``derive list`` stays fast) and a ``build()`` that returns the
:class:`~derive.core.Derivation`. Adding a file here is all it takes to add a derivation.
"""
