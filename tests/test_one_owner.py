"""One owner per rule (docs/design.md, "Who owns which rule").

Numbers are formatted only by rules/numbers.py (no `:.1f`, `:g`, `round(` elsewhere: a value is rounded only when
it is shown, by the one formatter); comparators are known only to rules/targets.py and to the reader that parses
them (no `("<=", "<")` tuples elsewhere); status labels, symbols and colours only in metadata/statuses.py.
"""

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1] / "src" / "analysis"
COMPARATORS = {">=", ">", "<=", "<", "=="}
# Where each rule may be written out: its owner (and, for comparators, the reader that turns words into them).
OWNERS = {
    "number format": ("rules/numbers.py",),
    "comparators": ("rules/targets.py", "read/cells.py", "read/loader.py"),
    "status words": ("metadata/statuses.py",),
}
STATUS_WORDS = {"已达到目标", "快于序时进度", "符合序时进度", "滞后于序时进度", "逆向变化", "尚未达到目标", "需人工判断", "无量化目标"}
FLOAT_SPEC_ENDS = ("f", "g", "e", "%")


def findings(path: Path):
    """(rule, line, what) for each place in a file that writes out a rule it does not own."""
    tree = ast.parse(path.read_text("utf-8"))
    for node in ast.walk(tree):
        if isinstance(node, ast.Call):
            func = node.func
            name = func.id if isinstance(func, ast.Name) else func.attr if isinstance(func, ast.Attribute) else ""
            if name == "round":
                yield "number format", node.lineno, "round(…)"
            if name == "format" and len(node.args) == 2 and isinstance(node.args[1], ast.Constant):
                if str(node.args[1].value).endswith(FLOAT_SPEC_ENDS):
                    yield "number format", node.lineno, f"format(…, {node.args[1].value!r})"
        elif isinstance(node, ast.FormattedValue) and node.format_spec is not None:
            spec = "".join(v.value for v in node.format_spec.values if isinstance(v, ast.Constant))
            if spec.endswith(FLOAT_SPEC_ENDS):
                yield "number format", node.lineno, f":{spec}"
        elif isinstance(node, (ast.Tuple, ast.List, ast.Set)):
            texts = {e.value for e in node.elts if isinstance(e, ast.Constant) and isinstance(e.value, str)}
            if len(texts & COMPARATORS) >= 2:
                yield "comparators", node.lineno, f"comparators {sorted(texts & COMPARATORS)}"
        elif isinstance(node, ast.Constant) and isinstance(node.value, str) and node.value in STATUS_WORDS:
            yield "status words", node.lineno, node.value


def violations():
    found = []
    for path in sorted(PACKAGE.rglob("*.py")):
        rel = path.relative_to(PACKAGE).as_posix()
        for rule, line, what in findings(path):
            if rel not in OWNERS[rule]:
                found.append((rel, rule, line, what))
    return found


# Places not yet moved to their owner, counted per file and rule. This list only shrinks: moving a rule to its
# owner removes its line here; nothing may be added. It is empty when the house is in order.
NOT_YET: dict = {}


def test_rules_are_written_only_by_their_owner():
    counts = {}
    for rel, rule, _, _ in violations():
        counts[(rel, rule)] = counts.get((rel, rule), 0) + 1
    over = {key: n for key, n in counts.items() if n > NOT_YET.get(key, 0)}
    shown = [f"{rel}:{line}: {rule}: {what}" for rel, rule, line, what in violations() if (rel, rule) in over]
    assert not over, "write these through their owner (rules/, metadata/):\n" + "\n".join(shown)
    stale = {key: n for key, n in NOT_YET.items() if counts.get(key, 0) < n}
    assert not stale, f"fewer places than NOT_YET allows: lower these counts to what is left: {stale}"


def test_the_checker_finds_each_kind(tmp_path):
    bad = tmp_path / "bad.py"
    bad.write_text('x = f"{v:.1f}"\ny = round(v, 2)\nz = v in ("<=", "<")\nw = "滞后于序时进度"\nq = format(v, ".2f")\n', "utf-8")
    assert sorted((line, rule) for rule, line, _ in findings(bad)) == [
        (1, "number format"), (2, "number format"), (3, "comparators"), (4, "status words"), (5, "number format")]
    fine = tmp_path / "fine.py"
    fine.write_text('name = f"{k:02d}_{stem}"\nlabel = f"{text:>10}"\n', "utf-8")
    assert list(findings(fine)) == []
