"""The app itself always uses the production Argon2 parameters.

The test suite makes new key slots cheap (fixtures.cheap_kdf) by rebinding
``keyslots.CURRENT_PARAMS`` in its own process. These tests prove that (1) the
installed app, run as a separate process, writes slots with the production
parameters and unlocks them end to end, and (2) no module of clinic_app ever
rebinds the name.
"""

from __future__ import annotations

import ast
import json
from pathlib import Path

from clinic_app.storage import keyslots
from tests.helpers import app_env, python_app, run
from tests.storage.fixtures import OTHER_PASSPHRASE, PASSPHRASE
from tests.test_offline import PACKAGE


def test_the_app_writes_and_unlocks_production_slots(tmp_path: Path) -> None:
    env = app_env(tmp_path / "home")
    vault = tmp_path / "v" / "clinic.vault"
    init = run([*python_app(), "admin", "init", "--vault", str(vault), "--user", "sam"], env,
               stdin=PASSPHRASE + "\n")  # fmt: skip
    assert init.returncode == 0, init.stderr
    assert init.stdout == f"{vault}\n"
    add = run(
        [*python_app(), "admin", "add-user", "--vault", str(vault), "--user", "vic",
         "--role", "volunteer", "--as", "sam"],
        env, stdin=f"{PASSPHRASE}\n{OTHER_PASSPHRASE}\n",
    )  # fmt: skip
    assert add.returncode == 0, add.stderr
    slots = json.loads(keyslots.keys_path(vault).read_text())["slots"]
    expected = keyslots.PRODUCTION_PARAMS.as_json()
    assert [s["kdf"] for s in slots] == [expected, expected]
    assert expected["m"] >= 64 * 1024
    # vic's slot unlocks (a wrong passphrase would be exit 3); then the role check
    # refuses a volunteer, since verify is a supervisor's command (issue 19).
    as_vic = run([*python_app(), "admin", "verify", "--vault", str(vault), "--user", "vic"], env,
                 stdin=OTHER_PASSPHRASE + "\n")  # fmt: skip
    assert as_vic.returncode == 1, as_vic.stderr
    assert as_vic.stderr == "Only a supervisor can do this.\n"
    verify = run([*python_app(), "admin", "verify", "--vault", str(vault)], env,
                 stdin=PASSPHRASE + "\n")  # fmt: skip
    assert verify.returncode == 0, verify.stderr
    wrong = run([*python_app(), "admin", "verify", "--vault", str(vault)], env,
                stdin="a wrong passphrase here\n")  # fmt: skip
    assert wrong.returncode == 3
    assert wrong.stderr.strip() == "The user name or passphrase is wrong."
    assert wrong.stdout == ""


def test_no_module_of_the_app_rebinds_the_parameters() -> None:
    offenders = []
    for path in PACKAGE.rglob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            targets: list[ast.expr] = []
            if isinstance(node, ast.Assign):
                targets = list(node.targets)
            elif isinstance(node, ast.AnnAssign | ast.AugAssign):
                targets = [node.target]
            for target in targets:
                name = (
                    target.attr if isinstance(target, ast.Attribute) else getattr(target, "id", "")
                )
                if name == "CURRENT_PARAMS":
                    offenders.append(f"{path.relative_to(PACKAGE)}:{node.lineno}")
            if isinstance(node, ast.Call) and any(
                isinstance(a, ast.Constant) and a.value == "CURRENT_PARAMS" for a in node.args
            ):
                offenders.append(f"{path.relative_to(PACKAGE)}:{node.lineno} (setattr)")
    assert offenders == ["storage/keyslots.py:" + str(_definition_line())]


def _definition_line() -> int:
    source = (PACKAGE / "storage" / "keyslots.py").read_text().splitlines()
    return next(i for i, line in enumerate(source, 1) if line.startswith("CURRENT_PARAMS = "))


def test_production_parameters_meet_the_floor() -> None:
    p = keyslots.PRODUCTION_PARAMS
    assert keyslots.CURRENT_PARAMS is not p  # this process runs with the test override
    assert p.memory_kib >= 64 * 1024 and p.time_cost >= 1 and p.parallelism >= 1
