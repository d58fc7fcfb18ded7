"""pyproject.toml and environment.yml pin the same packages at the same versions."""

import re
import tomllib

from analysis.config import PROJECT_ROOT


def pyproject_pins():
    project = tomllib.loads((PROJECT_ROOT / "pyproject.toml").read_text("utf-8"))["project"]
    specs = project["dependencies"] + [d for group in project["optional-dependencies"].values() for d in group]
    return dict(re.fullmatch(r"([A-Za-z0-9_.-]+)==([\w.]+)", s).groups() for s in specs)


def environment_pins():
    pins = {}
    for line in (PROJECT_ROOT / "environment.yml").read_text("utf-8").splitlines():
        match = re.fullmatch(r"\s*-\s*([A-Za-z0-9_.-]+)\s*(==|=)\s*([\w.]+)\s*", line)
        if match and match.group(1) != "python":
            pins[match.group(1)] = match.group(3)
    return pins


def test_every_package_is_pinned_exactly_in_pyproject():
    pins = pyproject_pins()
    assert {"pandas", "matplotlib", "jupyterlab", "openpyxl", "nbval"} <= set(pins)


def test_environment_yml_agrees_with_pyproject():
    assert environment_pins() == pyproject_pins()


def test_environment_yml_installs_the_project_itself():
    assert "- -e ." in (PROJECT_ROOT / "environment.yml").read_text("utf-8")
