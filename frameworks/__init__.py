"""The ILACS frameworks bundled with selfassess, as TOML files beside this one.

This folder holds data, not code: the file you are reading only lets it ship inside the installed
package as ``selfassess.frameworks`` (see ``[tool.setuptools.package-dir]`` in pyproject.toml), so
that it can sit at the top of the project where councils and reviewers look for it.
"""
