"""A new user's first hour, end to end: their own derivation from the README's tutorial, checked,
rendered and refuted from a directory outside the repository; and what they meet on the way
(help, mistakes in their script, file modes, progress, a closed stdout)."""

from __future__ import annotations

import os
import re
import shlex
import shutil
import stat
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import REPO

BIN = Path(sys.executable).parent
TRACEBACK = "Traceback"


def readme() -> str:
    return (REPO / "README.md").read_text(encoding="utf-8")


def tutorial_script() -> str:
    """The script of the README's tutorial, exactly as printed there."""
    found = re.search(r"<!-- tutorial: my_proof.py -->\n```python\n(.+?)\n```", readme(), re.S)
    assert found, "the README's tutorial script is missing"
    return found[1] + "\n"


def tutorial_commands() -> list[str]:
    """The shell commands the tutorial runs in the script's directory, as printed there."""
    found = re.search(r"Then, in that directory:\n\n```sh\n(.+?)\n```", readme(), re.S)
    assert found, "the README's tutorial commands are missing"
    return found[1].splitlines()


def shell(command: str, cwd: Path, **env: str) -> subprocess.CompletedProcess:
    """``command`` in a shell, with this interpreter's ``derive`` first on PATH."""
    environment = {**os.environ, "PATH": f"{BIN}{os.pathsep}{os.environ['PATH']}", **env}
    return subprocess.run(
        command, shell=True, cwd=cwd, env=environment, capture_output=True, text=True, timeout=300
    )


@pytest.fixture
def proofs(tmp_path) -> Path:
    """A directory of the user's own, outside the repository, holding the tutorial's script."""
    folder = tmp_path / "my-proofs"
    folder.mkdir()
    (folder / "my_proof.py").write_text(tutorial_script(), encoding="utf-8")
    assert REPO not in folder.parents
    return folder


def test_the_tutorial_commands_run_as_printed(proofs):
    """Each command of the tutorial, verbatim; the PDF one only with a TeX engine."""
    for command in tutorial_commands():
        if "--format pdf" in command and not shutil.which("pdflatex"):
            continue  # no TeX engine here: the PDF is covered where one is installed
        done = shell(command, proofs)
        assert done.returncode == 0, f"{command}\n{done.stdout}{done.stderr}"
        assert TRACEBACK not in done.stderr
        if command.startswith("derive verify"):
            row = next(line for line in done.stdout.splitlines() if line.startswith("second"))
            assert row.split()[:5] == ["second-moment", "3", "3", "0", "0"]
            assert done.stdout.splitlines()[-1].startswith("1 derivation verified")
        elif "--format pdf" in command:
            assert (proofs / "out" / "second-moment.pdf").read_bytes().startswith(b"%PDF")
        elif "--format html" in command:
            page = (proofs / "out" / "second-moment.html").read_text(encoding="utf-8")
            assert page.startswith("<!DOCTYPE html>") and "<math" in page
            assert "<mi>&#x003BC;</mi>" in page  # μ, as latex2mathml writes it in MathML
        else:
            assert "Theorem. E[X²] = μ² + σ²" in done.stdout
            assert "Checked: 3 steps: 3 proved." in done.stdout


def test_the_script_runs_on_its_own_and_by_path(proofs, tmp_path):
    done = shell(f"{shlex.quote(sys.executable)} my_proof.py", proofs)
    assert done.returncode == 0 and "second-moment:" in done.stdout, done.stderr
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    done = shell("derive verify second-moment kl", elsewhere, DERIVE_PATH=str(proofs))
    assert done.returncode == 0, done.stdout + done.stderr
    assert done.stdout.splitlines()[-1].startswith("all 2 derivations verified")
    listed = shell(f"derive --path {shlex.quote(str(proofs))} list", elsewhere).stdout
    assert "second-moment" in listed and "my notes, §1" in listed


@pytest.mark.parametrize("fmt", ["md", "tex", "json", "txt", "html"])
def test_the_script_renders_to_every_format(proofs, fmt):
    from derive.cli.parser import FORMATS

    if fmt not in FORMATS:
        pytest.skip(f"--format {fmt} is not on this branch")
    done = shell(f"derive render ./my_proof.py --format {fmt} -o out", proofs)
    assert done.returncode == 0, done.stderr
    text = (proofs / "out" / f"second-moment.{fmt}").read_text(encoding="utf-8")
    assert "second moment" in text.lower() and done.stderr.startswith("wrote out/second-moment")


def test_a_wrong_step_is_refuted_and_named(proofs):
    """The README's suggestion: change the last step; verify exits 1 naming it and why."""
    script = proofs / "my_proof.py"
    text = script.read_text(encoding="utf-8")
    assert "2 * sigma**2 + mu**2" in readme()
    script.write_text(text.replace("d.eq(sigma**2 + mu**2,", "d.eq(2 * sigma**2 + mu**2,"))
    done = shell("derive verify ./my_proof.py", proofs)
    assert done.returncode == 1, done.stdout + done.stderr
    assert "not verified: second-moment" in done.stdout
    named = re.search(r"second-moment, step 3: ✗ REFUTED at μ = .+, σ = .+: left side", done.stdout)
    assert named, done.stdout
    assert "step 1" not in done.stdout and "step 2" not in done.stdout


# --- mistakes in a script: one line naming the file and the line, exit 2 ----------------------

HEADER = 'from derive import *\nNAME = "mine"\nTITLE = "t"\nSOURCE = Source("a", "§1")\n'
TOPIC = 'TOPIC = "univariate"\n'
SCRIPTS = [
    (HEADER + TOPIC + "def build(:\n    pass\n", ":6: "),
    (HEADER + TOPIC + "def build():\n    return 1 / 0\n", ":7: ZeroDivisionError: division by"),
    ("import no_such_module_here\n" + HEADER + TOPIC, ":1: ModuleNotFoundError"),
    (HEADER + TOPIC, "no derivation defined: it has no build()"),
    ("x = 1\n", "no derivation defined: it declares no NAME"),
    (HEADER, "missing: TOPIC"),
    (HEADER + TOPIC + "def build():\n    return 3\n", "build() returned a int, not a Derivation"),
    (HEADER.replace('"mine"', '"kl"') + TOPIC, "NAME 'kl' is already a built-in derivation"),
    (HEADER.replace('"mine"', '"verify"') + TOPIC, "NAME 'verify' is a command"),
    (HEADER + 'TOPIC = "poetry"\n', "TOPIC must be one of"),
    (HEADER.replace('"t"', "f'{1}'") + TOPIC, ":3: TITLE must be a literal value"),
    (
        HEADER + TOPIC + "from sympy import Symbol\na = Symbol('a')\n"
        "def build():\n    d = Derivation(NAME, TITLE, SOURCE, start=a)\n"
        "    return d.result('r', a**7)\n",
        ":10: DerivationError: result 'r' is not part of the final expression",
    ),
]


@pytest.mark.parametrize("source, says", SCRIPTS, ids=[s for _, s in SCRIPTS])
@pytest.mark.parametrize("how", ["verify", "render", "path"])
def test_a_broken_script_is_one_line_naming_file_and_line(tmp_path, capsys, source, says, how):
    from derive import cli

    script = tmp_path / "mine.py"
    script.write_text(source, encoding="utf-8")
    argv = {
        "verify": ["verify", str(script), "--jobs", "1"],
        "render": [str(script)],
        "path": ["--path", str(tmp_path), "verify", "mine", "--jobs", "1"],
    }[how]
    if how == "path" and "declares no NAME" in says:
        says = "unknown derivation 'mine'"  # a file without NAME in a directory is a helper
    assert cli.main(argv) == 2
    captured = capsys.readouterr()
    lines = captured.err.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("derive: error: "), captured.err
    assert says in lines[0]
    if says.startswith(":"):
        assert lines[0].startswith(f"derive: error: {script}:")
    assert captured.out == ""


def test_a_broken_script_prints_no_traceback(tmp_path):
    (tmp_path / "mine.py").write_text(SCRIPTS[1][0], encoding="utf-8")
    done = shell("derive mine.py", tmp_path)
    assert done.returncode == 2 and TRACEBACK not in done.stderr
    assert done.stderr == "derive: error: mine.py:7: ZeroDivisionError: division by zero\n"


# --- files others can read --------------------------------------------------------------------


@pytest.mark.parametrize("mask, mode", [(0o022, 0o644), (0o077, 0o600), (0o002, 0o664)])
def test_write_atomic_gives_the_umask_mode(tmp_path, mask, mode):
    from derive.output import write_atomic

    previous = os.umask(mask)
    try:
        written = write_atomic(tmp_path / "a.txt", "text")
        rewritten = write_atomic(written, "again")  # replacing a file gives the same mode
    finally:
        os.umask(previous)
    assert stat.S_IMODE(written.stat().st_mode) == stat.S_IMODE(rewritten.stat().st_mode) == mode


@pytest.mark.parametrize("mask, mode", [(0o022, 0o644), (0o077, 0o600)])
def test_documents_and_figures_get_the_umask_mode(tmp_path, mask, mode):
    done = subprocess.run(
        [sys.executable, "-m", "derive", "kl", "--format", "md", "-o", str(tmp_path / "out")],
        capture_output=True,
        text=True,
        umask=mask,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr
    files = [p for p in (tmp_path / "out").rglob("*") if p.is_file()]
    assert len(files) >= 2  # kl.md and its figure
    assert {stat.S_IMODE(p.stat().st_mode) for p in files} == {mode}


# --- help that gets you going -----------------------------------------------------------------


def _subcommands():
    from derive import cli

    parser = cli.build_parser()
    return parser, parser._subparsers._group_actions[0].choices


def test_every_subcommand_help_shows_examples_that_name_it():
    _, commands = _subcommands()
    for name, command in commands.items():
        text = command.format_help()
        examples = text.split("examples:\n", 1)[1].splitlines() if "examples:" in text else []
        runnable = [line for line in examples if line.strip().startswith("derive ")]
        assert len(runnable) >= 2, name
        assert all(line.split()[1] in (name, "--path") for line in runnable), name


@pytest.mark.parametrize("example", range(3))
def test_the_check_examples_hold(example):
    from derive.cli.helptext import EXAMPLES

    command = EXAMPLES["check"][example]
    done = subprocess.run(
        [sys.executable, "-m", "derive", *shlex.split(command)[1:]],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, command + "\n" + done.stdout + done.stderr


def test_check_help_explains_the_claim_syntax():
    _, commands = _subcommands()
    text = commands["check"].format_help()
    for needed in ("--given", "N(mean, variance)", r"X \sim N(mean, variance)", "README.md"):
        assert needed in text, needed


def test_derive_help_is_the_help(capsys):
    from derive import cli

    shown = []
    for argv in (["help"], ["--help"], ["help", "verify"], ["verify", "--help"]):
        with pytest.raises(SystemExit) as leaving:
            cli.main(argv)
        assert leaving.value.code == 0
        shown.append(capsys.readouterr().out)
    assert shown[0] == shown[1] and "did you mean" not in shown[0]
    assert shown[2] == shown[3] and "usage: derive verify" in shown[2]


def test_start_up_stays_light_with_a_users_directory(proofs):
    code = (
        "import sys\nfrom derive.cli import main\n"
        f"assert main(['--path', {str(proofs)!r}, 'list']) == 0\n"
        "try:\n    main(['--help'])\nexcept SystemExit:\n    pass\n"
        "assert 'sympy' not in sys.modules, 'sympy imported'\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert "second-moment" in done.stdout


# --- sources by title -------------------------------------------------------------------------


def test_the_readme_names_each_source_by_its_title_and_key():
    from derive.registry import SOURCES

    rows = [line for line in readme().splitlines() if line.startswith("| ") and ".txt`" in line]
    assert len(rows) == len(SOURCES) == 4
    for key, title in SOURCES.items():
        assert any(f"| {title} | `{key}` |" in row for row in rows), key
    derivations = readme().split("## Derivations")[1]
    assert "../shared/seeds" not in readme() and "seed 00" not in derivations


# --- progress on a terminal, nothing extra when piped -----------------------------------------


def test_verify_shows_progress_on_a_terminal_only():
    import fcntl
    import pty
    import struct
    import termios

    command = [sys.executable, "-m", "derive", "verify", "kl", "cf", "--jobs", "1"]
    leader, follower = pty.openpty()
    fcntl.ioctl(follower, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 80, 0, 0))  # 80 columns
    process = subprocess.Popen(command, stdout=follower, stderr=follower, close_fds=True)
    os.close(follower)
    seen = b""
    while True:
        try:
            chunk = os.read(leader, 4096)
        except OSError:  # the terminal closed: the command ended
            break
        if not chunk:
            break
        seen += chunk
    os.close(leader)
    assert process.wait(timeout=300) == 0
    on_terminal = seen.decode("utf-8", "replace")
    assert "verifying:" in on_terminal and "doc" in on_terminal, on_terminal
    assert "all 2 derivations verified" in on_terminal
    piped = subprocess.run(command, capture_output=True, text=True, timeout=300)
    assert piped.returncode == 0 and piped.stderr == ""
    assert "verifying" not in piped.stdout and len(piped.stdout.splitlines()) == 4


# --- a closed stdout --------------------------------------------------------------------------

CLOSED = [
    ["list"],
    ["--help"],
    ["kl"],
    ["verify", "kl", "cf"],
    ["check", "a + b = b + a"],
]


@pytest.mark.parametrize("args", CLOSED, ids=" ".join)
def test_a_reader_gone_before_the_first_line_is_no_traceback(args):
    read, write = os.pipe()
    os.close(read)  # nobody will ever read: every write to stdout fails with EPIPE
    try:
        done = subprocess.run(
            [sys.executable, "-m", "derive", *args],
            stdout=write,
            stderr=subprocess.PIPE,
            text=True,
            timeout=300,
        )
    finally:
        os.close(write)
    expected = {0, 141} if args == ["--help"] else {141}  # argparse ignores its write errors
    assert done.returncode in expected and done.stderr == "", done.stderr


@pytest.mark.parametrize("args, lines", [(["list"], 1), (["verify", "kl", "cf"], 2), (["kl"], 1)])
def test_head_reading_the_first_lines_is_no_traceback(args, lines):
    derive = subprocess.Popen(
        [sys.executable, "-m", "derive", *args], stdout=subprocess.PIPE, stderr=subprocess.PIPE
    )
    head = subprocess.run(["head", f"-{lines}"], stdin=derive.stdout, capture_output=True)
    derive.stdout.close()
    errors = derive.stderr.read().decode()
    derive.stderr.close()
    assert derive.wait(timeout=300) in (0, 141) and errors == "", errors
    assert len(head.stdout.splitlines()) == lines


@pytest.mark.parametrize("claim, code", [("a + b = b + a", 0), ("a + b = a", 1)])
def test_check_with_stdout_closed_still_answers_by_its_exit_code(tmp_path, claim, code):
    done = shell(f"derive check {shlex.quote(claim)} >&-", tmp_path)
    assert done.returncode == code and done.stderr == "", done.stderr
    done = shell("derive list >&-", tmp_path)
    assert done.returncode == 0 and done.stderr == ""


def test_all_says_at_the_end_what_it_wrote_where(proofs, tmp_path, monkeypatch, capsys):
    """``derive all -o DIR`` over two scripts of the user's (the built-in ones and the errata
    left out, to stay fast): the files one by one when piped, then one line summing them up."""
    from derive import cli, registry
    from derive.cli import commands
    from derive.render import pdf

    second = tutorial_script().replace('NAME = "second-moment"', 'NAME = "second-moment-again"')
    (proofs / "again.py").write_text(second, encoding="utf-8")
    monkeypatch.setattr(registry, "_builtin_entries", lambda: ())
    monkeypatch.setattr(commands, "errata", lambda: [])
    monkeypatch.setattr(pdf, "engine", lambda: None)  # PDFs skipped: no TeX run here
    registry.use_paths([])  # forget any earlier search, so the patched built-ins count
    out = tmp_path / "out"
    try:
        assert cli.main(["--path", str(proofs), "all", "-o", str(out)]) == 0
    finally:  # the worker's later tests search the built-ins again, whatever happened here
        monkeypatch.undo()
        registry.use_paths([])
    lines = capsys.readouterr().err.strip().splitlines()
    listed = [line for line in lines if line.startswith("wrote ")]
    assert len(listed) == 10  # 2 × (tex, md, json, html) and the book (tex, html)
    assert lines[-1] == f"derive: wrote 10 files: 10 into {out} (.html, .json, .md, .tex)"
    assert sorted(p.name for p in out.iterdir()) == sorted(
        f"{name}.{fmt}"
        for name in ("second-moment", "second-moment-again", "derivations")
        for fmt in ("tex", "md", "json", "html")
        if name != "derivations" or fmt in ("tex", "html")
    )
