"""JupyterLab starts on the suite headless, lists the notebooks and runs a cell in this environment's kernel."""

import asyncio
import json
import os
import re
import socket
import subprocess
import sys
import time
import urllib.parse
import urllib.request
import uuid

import nbformat
import pytest
from tornado.websocket import websocket_connect

from analysis import config
from analysis.pack.report import notebooks

TOKEN = uuid.uuid4().hex


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def api(base, path, method="GET", body=None):
    request = urllib.request.Request(
        f"{base}{path}", method=method, data=None if body is None else json.dumps(body).encode(),
        headers={"Authorization": f"token {TOKEN}", "Content-Type": "application/json"},
    )
    with urllib.request.urlopen(request, timeout=30) as response:
        text = response.read().decode()
        return response.status, (json.loads(text) if text.strip().startswith(("{", "[")) else text)


@pytest.fixture(scope="module")
def lab(tmp_path_factory):
    port = free_port()
    runtime = tmp_path_factory.mktemp("jupyter-runtime")
    server = subprocess.Popen(
        [sys.executable, "-m", "jupyterlab", "--no-browser", "--ip=127.0.0.1", f"--port={port}",
         f"--IdentityProvider.token={TOKEN}", f"--ServerApp.root_dir={config.NOTEBOOKS}",
         "--ServerApp.port_retries=0", f"--ServerApp.runtime_dir={runtime}"]
        + (["--allow-root"] if hasattr(os, "geteuid") and os.geteuid() == 0 else []),  # CI runs as root
        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
    )
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            api(base, "/api/status")
            break
        except OSError:
            if server.poll() is not None:
                pytest.fail(server.stderr.read().decode())
            time.sleep(0.5)
    else:
        server.kill()
        pytest.fail("JupyterLab did not answer within 60 s")
    yield base, port
    server.terminate()
    try:
        server.wait(timeout=20)
    except subprocess.TimeoutExpired:
        server.kill()
    server.stderr.close()


def test_lab_page_and_contents_api_list_the_suite(lab):
    base, _ = lab
    status, page = api(base, "/lab")
    assert status == 200 and "JupyterLab" in page
    _, listing = api(base, "/api/contents")
    names = sorted(item["name"] for item in listing["content"] if item["type"] == "notebook")
    assert names == sorted(p.name for p in notebooks())


def test_a_kernel_runs_a_cell_with_the_project_installed(lab):
    base, port = lab
    _, kernel = api(base, "/api/kernels", "POST", {"name": "python3"})
    try:
        reply = asyncio.run(run_cell(port, kernel["id"], "import analysis, sys\nprint(analysis.assess.__name__, sys.prefix)"))
        assert reply.split()[0] == "assess"
        assert reply.split()[1] == sys.prefix  # the project's own environment, not another Python
    finally:
        api(base, f"/api/kernels/{kernel['id']}", "DELETE")


async def run_cell(port, kernel_id, code, timeout=60) -> str:
    url = f"ws://127.0.0.1:{port}/api/kernels/{kernel_id}/channels?token={TOKEN}"
    connection = await websocket_connect(url)
    msg_id = uuid.uuid4().hex
    await connection.write_message(json.dumps({
        "header": {"msg_id": msg_id, "username": "test", "session": uuid.uuid4().hex, "msg_type": "execute_request", "version": "5.3"},
        "parent_header": {}, "metadata": {}, "channel": "shell",
        "content": {"code": code, "silent": False, "store_history": False, "user_expressions": {}, "allow_stdin": False},
    }))
    printed = []
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        raw = await asyncio.wait_for(connection.read_message(), timeout=timeout)
        message = json.loads(raw)
        if message.get("parent_header", {}).get("msg_id") != msg_id:
            continue
        if message["msg_type"] == "stream":
            printed.append(message["content"]["text"])
        if message["msg_type"] == "error":
            raise AssertionError(message["content"]["evalue"])
        if message["msg_type"] == "status" and message["content"]["execution_state"] == "idle":
            break
    connection.close()
    return "".join(printed).strip()


def make_lab_kernelspec() -> dict:
    """The kernel `make lab` installs, read from the Makefile's lab target: {"name": …, "display_name": …}."""
    makefile = (config.PROJECT_ROOT / "Makefile").read_text("utf-8")
    line = next(l for l in makefile.splitlines() if "ipykernel install" in l)
    name = re.search(r"--name\s+(\S+)", line).group(1)
    display = re.search(r'--display-name\s+"([^"]+)"', line).group(1)
    return {"display_name": display, "language": "python", "name": name}


def test_the_committed_kernelspec_is_the_one_make_lab_installs():
    # JupyterLab writes the running kernel's spec into the notebook on save: committed otherwise, opening and
    # saving an unchanged notebook would show up in git diff.
    expected = make_lab_kernelspec()
    assert expected == {"display_name": "指标差距分析 (indicator-gap)", "language": "python", "name": "python3"}
    for path in notebooks():
        metadata = nbformat.read(path, as_version=4).metadata
        assert metadata.kernelspec == expected, path.name
        assert metadata.language_info.name == "python" and metadata.language_info.pygments_lexer == "ipython3", path.name


def test_saving_an_unchanged_notebook_through_the_server_rewrites_nothing(lab):
    base, _ = lab
    for path in notebooks():
        before = path.read_bytes()
        _, model = api(base, f"/api/contents/{urllib.parse.quote(path.name)}?content=1")
        try:
            api(base, f"/api/contents/{urllib.parse.quote(path.name)}", "PUT",
                {"type": "notebook", "format": "json", "content": model["content"]})
            after = path.read_bytes()
        finally:
            path.write_bytes(before)
        assert after == before, path.name
