"""The folders show the pipeline, and imports only go down it (docs/design.md, "Layers").

rules → metadata → read → assess → charts / words → write → pack / collect → the package's top (the API, the
command line). A module may import its own folder and any folder below; charts and words do not import each
other, nor do pack and collect. Imports stand at the top of a module; one inside a function is allowed only
where a heavy import is deferred on purpose, and its line (or the line above) says so (`# deferred: …`).
"""

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "src" / "analysis"
LAYERS = {
    "config": 0, "rules": 0,
    "metadata": 1,
    "read": 2,
    "assess": 3,
    "charts": 4, "words": 4,
    "write": 5,
    "pack": 6, "collect": 6,
    "": 7,  # analysis/__init__.py and __main__.py
}


def modules():
    for path in sorted(PACKAGE.rglob("*.py")):
        parts = path.relative_to(PACKAGE).with_suffix("").parts
        yield path, (parts[0] if len(parts) > 1 or parts[0] == "config" else "")


def folder_of(name: str) -> str:
    """analysis.read.loader → read; analysis.config → config; analysis → ''."""
    parts = name.split(".")
    assert parts[0] == "analysis", name
    return parts[1] if len(parts) > 1 else ""


def imports(path: Path):
    """(line, imported module, inside a function) for every import of the package in a file."""
    tree = ast.parse(path.read_text("utf-8"))
    parents = {}
    for node in ast.walk(tree):
        for child in ast.iter_child_nodes(node):
            parents[child] = node
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom):
            if node.level:
                pytest.fail(f"{path.relative_to(PACKAGE)}:{node.lineno}: relative import; write `from analysis.… import`")
            names = [node.module] if node.module else []
            if node.module == "analysis":  # from analysis import config
                names = [f"analysis.{a.name}" for a in node.names]
        elif isinstance(node, ast.Import):
            names = [a.name for a in node.names]
        else:
            continue
        names = [n for n in names if n == "analysis" or n.startswith("analysis.")]
        inside, up = False, parents.get(node)
        while up is not None:
            if isinstance(up, (ast.FunctionDef, ast.AsyncFunctionDef)):
                inside = True
            up = parents.get(up)
        for name in names:
            yield node.lineno, name, inside


def test_every_folder_has_a_layer():
    folders = {p.name for p in PACKAGE.iterdir() if p.is_dir() and (p / "__init__.py").exists()}
    assert folders <= set(LAYERS), folders - set(LAYERS)


def upward_imports(files):
    """Every import in `files` ((path, folder) pairs) of a folder at the same layer or above (not its own)."""
    wrong = []
    for path, folder in files:
        for line, name, _ in imports(path):
            target = folder_of(name)
            if target != folder and LAYERS[target] >= LAYERS[folder]:
                wrong.append(f"{path.name}:{line} ({folder or 'top'}, layer {LAYERS[folder]}) imports "
                             f"{name} ({target or 'top'}, layer {LAYERS[target]})")
    return wrong


def test_imports_only_go_down():
    wrong = upward_imports(modules())
    assert not wrong, "imports must go down the pipeline:\n" + "\n".join(wrong)


def test_imports_inside_functions_say_why():
    hidden = []
    for path, _ in modules():
        lines = path.read_text("utf-8").splitlines()
        for line, name, inside in imports(path):
            if inside and "# deferred:" not in lines[line - 1] + lines[line - 2]:
                hidden.append(f"{path.relative_to(PACKAGE)}:{line}: {lines[line - 1].strip()}")
    assert not hidden, "move these imports to the module top, or say `# deferred: why`:\n" + "\n".join(hidden)


def test_the_layer_check_catches_upward_and_sideways_imports(tmp_path):
    up = tmp_path / "up.py"
    up.write_text("from analysis.pack.report import build_report\n", "utf-8")
    side = tmp_path / "side.py"
    side.write_text("def f():\n    from analysis.words import tasks  # deferred: test\n", "utf-8")
    down = tmp_path / "down.py"
    down.write_text("from analysis.rules.numbers import fmt\nfrom analysis import config\n", "utf-8")
    assert len(upward_imports([(up, "read"), (side, "charts"), (down, "read")])) == 2
