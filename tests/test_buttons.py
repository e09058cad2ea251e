"""Every button of the suite (a public ``action_*`` method) answers a value.

An XML-RPC client calling a method that returns None gets a Fault ("cannot marshal None") after the change
was committed, and retries what was already done. Buttons return True or an action.
"""
import ast
import glob
import os

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def _buttons_without_value():
    found = []
    for path in sorted(glob.glob(os.path.join(ROOT, "addons", "gd_*", "**", "*.py"), recursive=True)):
        if os.sep + "tests" + os.sep in path:
            continue
        with open(path) as source:
            tree = ast.parse(source.read(), path)
        for node in ast.walk(tree):
            if isinstance(node, ast.FunctionDef) and node.name.startswith("action_"):
                returns = [child for child in ast.walk(node) if isinstance(child, ast.Return) and child.value]
                if not returns:
                    found.append("%s:%s %s" % (os.path.relpath(path, ROOT), node.lineno, node.name))
    return found


def test_every_button_returns_a_value():
    assert _buttons_without_value() == []


def test_the_check_finds_a_button_without_value(tmp_path):
    module = tmp_path / "addons" / "gd_example" / "models"
    module.mkdir(parents=True)
    (module / "thing.py").write_text("def action_go(self):\n    self._do_go()\n")
    old, globals()["ROOT"] = ROOT, str(tmp_path)
    try:
        assert _buttons_without_value() == ["addons/gd_example/models/thing.py:1 action_go"]
    finally:
        globals()["ROOT"] = old
