"""The native module's stub (`_azaudit.pyi`) says what the compiled module has.

pyo3 exports no schema of functions to generate the stub from (its stub generation is still
experimental), so the stub is checked against the module as built: every public name on one
side is on the other, and every function and method takes the parameters, by name and order,
that the compiled one reports. The data types the module hands over are generated
(`azaudit._types`, from the Rust types' JSON Schemas).
"""

import ast
import inspect
import pathlib
from typing import Dict, List

import pytest

from azaudit import _azaudit

STUB = pathlib.Path(_azaudit.__file__).with_name("_azaudit.pyi")


def stub_tree() -> ast.Module:
    return ast.parse(STUB.read_text())


def params(fn: ast.FunctionDef) -> List[str]:
    names = [a.arg for a in fn.args.posonlyargs + fn.args.args + fn.args.kwonlyargs]
    return [n for n in names if n not in ("self", "cls")]


def stub_names() -> Dict[str, ast.AST]:
    out: Dict[str, ast.AST] = {}
    for node in stub_tree().body:
        if isinstance(node, (ast.FunctionDef, ast.ClassDef)):
            out[node.name] = node
        elif isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name):
            out[node.target.id] = node
    return out


def runtime_params(obj: object) -> List[str]:
    sig = inspect.signature(obj)  # type: ignore[arg-type]
    return [p for p in sig.parameters if p not in ("self", "cls", "$self", "$cls")]


def test_the_stub_and_the_module_name_the_same_things() -> None:
    declared = set(stub_names())
    public = {n for n in dir(_azaudit) if not n.startswith("_")} | {"__version__"}
    assert declared == public, (
        f"only in the stub: {sorted(declared - public)}; only in the module: {sorted(public - declared)}"
    )


def test_every_function_takes_the_parameters_the_stub_declares() -> None:
    for name, node in stub_names().items():
        if isinstance(node, ast.FunctionDef):
            assert runtime_params(getattr(_azaudit, name)) == params(node), name


@pytest.mark.parametrize("cls_name", ["Snapshot", "Report"])
def test_every_method_takes_the_parameters_the_stub_declares(cls_name: str) -> None:
    node = stub_names()[cls_name]
    assert isinstance(node, ast.ClassDef)
    cls = getattr(_azaudit, cls_name)
    declared = {f.name: f for f in node.body if isinstance(f, ast.FunctionDef)}
    public = {n for n in vars(cls) if not n.startswith("_")}
    assert set(n for n in declared if not n.startswith("_")) == public, cls_name
    for name, fn in declared.items():
        if name.startswith("__"):
            assert hasattr(cls, name), f"{cls_name}.{name}"
            continue
        member = getattr(cls, name)
        if isinstance(member, property) or type(member).__name__ == "getset_descriptor":
            assert any(
                isinstance(d, ast.Name) and d.id == "property" for d in fn.decorator_list
            ), f"{cls_name}.{name} is a property"
            continue
        assert runtime_params(member) == params(fn), f"{cls_name}.{name}"
