"""Ships the top-level ``resources/`` folder inside the wheel (everything else is in pyproject.toml).

pyproject.toml alone cannot add a package that lives outside the package tree next to the ones
``packages.find`` discovers, so this maps ``resources/`` to the package ``retro._resources``: a
wheel (``pip install .``, ``pipx install .``) then holds ``retro/_resources/fonts/…`` etc., which
``retro.resources.resource_root`` finds. Every file under it is taken (globs), so fonts added
later ship without editing anything (the glob is in pyproject.toml's package-data, which
setuptools lets win over setup.py's).
"""

from setuptools import find_packages, setup

setup(
    packages=[*find_packages(include=["retro*", "ui*"]), "retro._resources"],
    package_dir={"retro._resources": "resources"},
)
