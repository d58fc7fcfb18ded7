"""Fuzz: damaged copies of the bundled workbook never crash, hang or exhaust memory in `validate`.

A fixed seed makes a few hundred mutants (FUZZ_MUTANTS, default 240): random byte flips, truncations,
and XML mutations inside the zip (slices deleted or repeated, tokens that broke readers before: far
cell references, four-billion counts, DTDs, cells without r=, formulas without results, stray
quotes and brackets, huge style ids). Each mutant runs `python -m analysis validate` logic
(`analysis.__main__.main`) in its own forked child with a memory limit and a time limit; two batch
processes (one per core) import the package once and fork a child per mutant. Every outcome must be
a clean exit 0 or 1 with no traceback.
"""

from __future__ import annotations

import json
import os
import random
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from analysis.config import BUNDLED_WORKBOOK

SEED = 20261128
MUTANTS = int(os.environ.get("FUZZ_MUTANTS", "240"))
TIME_LIMIT = 30  # seconds per mutant (the bundled workbook validates in well under one)
MEMORY_LIMIT = 2 * 1024**3  # bytes of address space a mutant may add to what the imports use

TOKENS = [
    b'<c r="XFD1048576"><v>1</v></c>', b'<row r="1048576">', b'count="4000000000"', b'uniqueCount="4000000000"',
    b"<!DOCTYPE x [<!ENTITY a 'b'>]>", b"<f>SUM(A1)</f>", b"<c>", b"<c ", b'"', b"<", b">", b"&#27;", b"&amp;",
    b' s="99999"', b' t="e"', b' t="s"', b"<v>#DIV/0!</v>", b"<v>1e308</v>", b"<v>99999999999</v>", b' r="A0"',
    b' r="ZZZZ1"', b'<dimension ref="A1:XFD1048576"/>', b'<mergeCell ref="A1:XFD1048576"/>', b"\x00", b"\xff\xfe",
    b'hidden="1"', b"</sheetData>", b"<sheetData>", b'<sheet name="x" sheetId="9" r:id="rId99"/>',
]

_BATCH = r"""
import json, os, resource, signal, sys, time
from analysis.__main__ import main
limit_time, limit_memory, out_dir = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3]
results = {}
for path in sys.argv[4:]:
    log = os.path.join(out_dir, os.path.basename(path) + ".log")
    started = time.monotonic()
    pid = os.fork()
    if pid == 0:
        fd = os.open(log, os.O_WRONLY | os.O_CREAT | os.O_TRUNC)
        os.dup2(fd, 1); os.dup2(fd, 2)
        with open("/proc/self/statm") as statm:
            used = int(statm.read().split()[0]) * os.sysconf("SC_PAGE_SIZE")
        resource.setrlimit(resource.RLIMIT_AS, (used + limit_memory, used + limit_memory))
        signal.alarm(limit_time)
        code = 99
        try:
            code = main(["validate", path])
        finally:
            sys.stdout.flush(); sys.stderr.flush()
            os._exit(code)
    _, status = os.waitpid(pid, 0)
    results[path] = {"status": status, "exit": os.waitstatus_to_exitcode(status), "seconds": time.monotonic() - started}
print(json.dumps(results))
"""


def mutate(data: bytes, rng: random.Random) -> bytes:
    kind = rng.choice(["flip", "truncate", "xml", "xml", "xml", "drop"])
    if kind == "flip":
        out = bytearray(data)
        for _ in range(rng.randint(1, 20)):
            out[rng.randrange(len(out))] = rng.randrange(256)
        return bytes(out)
    if kind == "truncate":
        return data[: rng.randrange(len(data))]
    with zipfile.ZipFile(_bytes_io(data)) as archive:
        members = {info.filename: archive.read(info) for info in archive.infolist()}
    names = sorted(members)
    if kind == "drop":
        members.pop(rng.choice(names))
    else:
        name = rng.choice([n for n in names if n.endswith((".xml", ".rels"))])
        members[name] = _mutate_xml(members[name], rng)
    buffer = _bytes_io()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in members.items():
            archive.writestr(name, content)
    return buffer.getvalue()


def _mutate_xml(xml: bytes, rng: random.Random) -> bytes:
    for _ in range(rng.randint(1, 4)):
        at = rng.randrange(len(xml) + 1)
        choice = rng.random()
        if choice < 0.5:
            xml = xml[:at] + rng.choice(TOKENS) * rng.choice([1, 1, 1, 50, 3000]) + xml[at:]
        elif choice < 0.75:
            xml = xml[:at] + xml[at + rng.randint(1, 200):]
        else:
            piece = xml[at : at + rng.randint(1, 400)]
            xml = xml[:at] + piece * rng.randint(2, 30) + xml[at:]
    return xml


def _bytes_io(data: bytes = b""):
    import io

    return io.BytesIO(data)


def build_mutants(folder: Path) -> list[Path]:
    rng = random.Random(SEED)
    data = BUNDLED_WORKBOOK.read_bytes()
    paths = []
    for i in range(MUTANTS):
        path = folder / f"m{i:04d}.xlsx"
        path.write_bytes(mutate(data, rng))
        paths.append(path)
    return paths


@pytest.mark.skipif(not hasattr(os, "fork"), reason="forks a child per mutant (POSIX)")
def test_mutants_exit_cleanly(tmp_path: Path):
    paths = build_mutants(tmp_path)
    logs = tmp_path / "logs"
    logs.mkdir()
    env = {**os.environ, "PYTHONIOENCODING": "utf-8", "PYTHONPATH": os.pathsep.join(sys.path)}
    batches = [paths[0::2], paths[1::2]]
    procs = [
        subprocess.Popen(
            [sys.executable, "-c", _BATCH, str(TIME_LIMIT), str(MEMORY_LIMIT), str(logs), *map(str, batch)],
            stdout=subprocess.PIPE, env=env, cwd=tmp_path,
        )
        for batch in batches
    ]
    results = {}
    for proc in procs:
        out, _ = proc.communicate(timeout=TIME_LIMIT * MUTANTS)
        assert proc.returncode == 0
        results.update(json.loads(out))
    assert len(results) == MUTANTS
    bad = []
    for path, result in sorted(results.items()):
        output = (logs / (Path(path).name + ".log")).read_text(encoding="utf-8", errors="replace")
        if result["exit"] not in (0, 1) or "Traceback" in output:
            bad.append(f"{Path(path).name}: exit {result['exit']} after {result['seconds']:.1f} s: {output[-300:]}")
    assert not bad, "\n".join(bad[:10]) + f"\n({len(bad)} of {MUTANTS} mutants)"
    codes = [r["exit"] for r in results.values()]
    assert codes.count(1) > MUTANTS // 4  # the mutations do damage: most are refused with a sentence
