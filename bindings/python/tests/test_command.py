"""The package's ``azaudit`` command, run as a user runs it: a process, its output and exit
status. It is the Rust command line itself (through the native module), so it must print what
the Rust binary prints."""

import json
import os
import pathlib
import shutil
import subprocess
import sys
from typing import Any, Dict, List, Optional

import azaudit

ROOT = pathlib.Path(__file__).resolve().parents[3]
# The console script pip installed beside this interpreter.
COMMAND = shutil.which("azaudit", path=str(pathlib.Path(sys.executable).parent))


# The caller's AZAUDIT_* settings must not change what these tests see.
CLEAN = {k: v for k, v in os.environ.items() if not k.startswith("AZAUDIT_")}


def run(args: List[str], env: Optional[Dict[str, str]] = None) -> subprocess.CompletedProcess:
    assert COMMAND, "pip install puts azaudit on PATH"
    return subprocess.run([COMMAND, *args], capture_output=True, text=True, env={**CLEAN, **(env or {})})


def without_clock(report: Dict[str, Any]) -> Dict[str, Any]:
    report["summary"].pop("evaluatedAt")
    return report


def test_version_is_the_package_version() -> None:
    out = run(["--version"])
    assert out.returncode == 0
    assert out.stdout == f"azaudit {azaudit.__version__}\n"


def test_audit_json_is_the_rust_commands_report() -> None:
    out = run(["audit", "--format", "json"])
    assert out.returncode == 0, out.stderr
    ours = without_clock(json.loads(out.stdout))
    rust = subprocess.run(
        ["cargo", "run", "-q", "--bin", "azaudit", "--", "audit", "--format", "json"],
        cwd=ROOT,
        check=True,
        capture_output=True,
        text=True,
        env=CLEAN,
    ).stdout
    assert ours == without_clock(json.loads(rust))
    assert ours["summary"]["byStatus"]["fail"] > 0


def test_python_dash_m_is_the_same_command() -> None:
    out = subprocess.run(
        [sys.executable, "-m", "azaudit", "checks", "--format", "json"], capture_output=True, text=True, env=CLEAN
    )
    assert out.returncode == 0, out.stderr
    assert [c["id"] for c in json.loads(out.stdout)] == [c.id for c in azaudit.checks()]


def test_gates_and_errors_set_the_exit_status() -> None:
    gate = run(["audit", "--fail-on", "critical", "--format", "json"])
    assert gate.returncode == 1
    assert "failed findings at or above critical" in gate.stderr
    bad = run(["audit", "--format", "yaml"])
    assert bad.returncode == 2
    assert bad.stdout == ""
    assert bad.stderr.startswith("azaudit: error: ") and bad.stderr.count("\n") == 1, bad.stderr
    missing = run(["audit", "--snapshot", "/nonexistent.json"])
    assert missing.returncode == 2 and missing.stderr.count("\n") == 1


def test_environment_variables_as_in_ci(tmp_path: pathlib.Path) -> None:
    out = run(["audit"], env={"AZAUDIT_FORMAT": "sarif", "AZAUDIT_CHECKS": "storage.*"})
    assert out.returncode == 0, out.stderr
    sarif = json.loads(out.stdout)
    assert sarif["version"] == "2.1.0"
    assert all(r["ruleId"].startswith("storage.") for r in sarif["runs"][0]["results"])
