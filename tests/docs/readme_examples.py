#!/usr/bin/env python3
"""Runs the README's curl examples, as the README shows them, against a real floorwalk-server on demo data.

    readme_examples.py --server build/dev/server/floorwalk-server --readme README.md

The block is the ```sh fence right after the line `<!-- tested: tests/docs/readme_examples.py -->` in the README.
It runs with bash (`set -euo pipefail`) in a temporary folder, with FLOORWALK_URL and FLOORWALK_METRICS_URL set to
a server started on 127.0.0.1 and free ports (`demo`, then `serve --listen 127.0.0.1:0 --metrics-listen
127.0.0.1:0`). Every curl command's HTTP status is checked: a command line whose comment starts with a status
(`# 401 token_malformed`) must get that status (and the error code, when named, must appear in the output); every
other curl command must get a 2xx. Statuses are read through a `curl` shell function that adds `--write-out` (to
standard error), so the README itself stays plain curl.

Exit status 0 when every example answered as stated; 1 with what differed otherwise.
"""

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
import threading

MARKER = "<!-- tested: tests/docs/readme_examples.py -->"
STATUS_TAG = "floorwalk-readme-status"
START_SECONDS = 120   # demo creation, then the index build before listening
BLOCK_SECONDS = 180   # the whole block, every request on loopback

# A curl command: the word curl at the start of a command (line start, after a pipe, `$(`, `;` or `&&`).
CURL_COMMAND = re.compile(r"(?:^\s*|[|;&(]\s*)curl\s")
EXPECTED = re.compile(r"#\s*(\d{3})(?:\s+([a-z_]+))?\b")
HEREDOC = re.compile(r"<<-?\s*'?\"?([A-Za-z_]+)'?\"?")

# Prepended to the block: statuses go to standard error with a tag; -q keeps a user's ~/.curlrc out of the test.
PRELUDE = f"""set -euo pipefail
curl() {{ command curl -q --write-out '%{{stderr}}{STATUS_TAG} %{{http_code}}\\n' "$@"; }}
"""


class Expectation:
    def __init__(self, line_number, text, status, code):
        self.line_number = line_number  # in README.md
        self.text = text.strip()
        self.status = status  # "2xx" or "401"...
        self.code = code      # the error code the comment names, or None

    def accepts(self, status):
        if self.status == "2xx":
            return 200 <= status < 300
        return status == int(self.status)


def extract_block(readme_text):
    """The block's lines and the README line number of its first line."""
    lines = readme_text.split("\n")
    try:
        marker = next(i for i, line in enumerate(lines) if line.strip() == MARKER)
    except StopIteration:
        raise SystemExit(f"README has no line {MARKER!r} before its curl examples")
    if marker + 1 >= len(lines) or lines[marker + 1].strip() != "```sh":
        raise SystemExit(f"the line after {MARKER!r} (README line {marker + 1}) must open a ```sh block")
    block = []
    for line in lines[marker + 2:]:
        if line.strip() == "```":
            return block, marker + 3
        block.append(line)
    raise SystemExit("the tested ```sh block is not closed")


def expectations_of(block, first_line):
    """One expectation per curl command, in the order bash runs them (the block has no loops or branches)."""
    expected = []
    heredoc_end = None
    for offset, line in enumerate(block):
        if heredoc_end is not None:
            if line.strip() == heredoc_end:
                heredoc_end = None
            continue
        code_part, _, comment = line.partition(" #") if not line.lstrip().startswith("#") else ("", "", line)
        if re.search(r"(^|\s)(-w|--write-out)(\s|=|$)", code_part):
            raise SystemExit(f"README line {first_line + offset}: --write-out would hide the status from this test")
        commands = len(CURL_COMMAND.findall(code_part))
        if commands > 1:
            raise SystemExit(f"README line {first_line + offset}: one curl command per line, so that its "
                             f"expected status is the line's")
        if commands == 1:
            match = EXPECTED.search("#" + comment) if comment else None
            status, code = (match.group(1), match.group(2)) if match else ("2xx", None)
            expected.append(Expectation(first_line + offset, line, status, code))
        heredoc = HEREDOC.search(code_part)
        if heredoc:
            heredoc_end = heredoc.group(1)
    return expected


class Server:
    """floorwalk-server serve on 127.0.0.1, free ports, a fresh demo folder."""

    def __init__(self, binary, data_dir):
        demo = subprocess.run([binary, "demo", "--data", data_dir], capture_output=True, text=True,
                              timeout=START_SECONDS)
        if demo.returncode != 0:
            raise SystemExit(f"floorwalk-server demo failed ({demo.returncode}):\n{demo.stderr}{demo.stdout}")
        self.log_path = os.path.join(data_dir, "server.log")
        self.log = open(self.log_path, "w")
        self.process = subprocess.Popen(
            [binary, "serve", "--data", data_dir, "--listen", "127.0.0.1:0", "--metrics-listen", "127.0.0.1:0"],
            stdout=subprocess.PIPE, stderr=self.log, text=True)
        self.url = None
        self.metrics_url = None
        ready = threading.Event()

        def read_addresses():
            for line in self.process.stdout:
                found = re.match(r"floorwalk-server listening on (http://127\.0\.0\.1:\d+)$", line.strip())
                if found:
                    self.url = found.group(1)
                found = re.match(r"floorwalk-server metrics on (http://127\.0\.0\.1:\d+)/metrics$", line.strip())
                if found:
                    self.metrics_url = found.group(1)
                if self.url and self.metrics_url:
                    ready.set()
            ready.set()  # the server closed its output (it exited)

        threading.Thread(target=read_addresses, daemon=True).start()
        if not ready.wait(START_SECONDS) or not (self.url and self.metrics_url):
            self.stop()
            raise SystemExit(f"the server did not report its addresses:\n{self.server_log()}")

    def server_log(self):
        self.log.flush()
        with open(self.log_path) as log:
            return log.read()[-8000:]

    def stop(self):
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        self.log.close()


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--server", required=True, help="the floorwalk-server binary")
    parser.add_argument("--readme", required=True, help="README.md")
    options = parser.parse_args()

    for tool in ("bash", "curl", "python3"):
        if shutil.which(tool) is None:
            raise SystemExit(f"{tool} is not installed (scripts/deps.sh installs it)")
    with open(options.readme, encoding="utf-8") as readme:
        block, first_line = extract_block(readme.read())
    expected = expectations_of(block, first_line)
    if not expected:
        raise SystemExit("the tested block runs no curl command")

    work = tempfile.mkdtemp(prefix="floorwalk-readme-")
    server = None
    try:
        server = Server(options.server, os.path.join(work, "data"))
        script = os.path.join(work, "readme-examples.sh")
        with open(script, "w") as out:
            out.write(PRELUDE + "\n".join(block) + "\n")
        run_dir = os.path.join(work, "run")
        os.mkdir(run_dir)
        environment = dict(os.environ, FLOORWALK_URL=server.url, FLOORWALK_METRICS_URL=server.metrics_url,
                           HOME=run_dir)
        environment.pop("http_proxy", None)
        environment.pop("HTTP_PROXY", None)
        environment.pop("all_proxy", None)
        environment.pop("ALL_PROXY", None)
        try:
            result = subprocess.run(["bash", script], cwd=run_dir, env=environment, capture_output=True, text=True,
                                    timeout=BLOCK_SECONDS)
        except subprocess.TimeoutExpired:
            raise SystemExit(f"the README block did not finish in {BLOCK_SECONDS} s:\n{server.server_log()}")

        statuses = [int(s) for s in re.findall(rf"^{STATUS_TAG} (\d+)$", result.stderr, re.MULTILINE)]
        other_errors = "\n".join(line for line in result.stderr.splitlines() if not line.startswith(STATUS_TAG))
        problems = []
        if result.returncode != 0:
            problems.append(f"the block exited with status {result.returncode} after {len(statuses)} of "
                            f"{len(expected)} curl commands")
        for index, expectation in enumerate(expected):
            if index >= len(statuses):
                problems.append(f"README line {expectation.line_number}: never ran: {expectation.text}")
                continue
            if not expectation.accepts(statuses[index]):
                problems.append(f"README line {expectation.line_number}: HTTP {statuses[index]}, expected "
                                f"{expectation.status}: {expectation.text}")
            if expectation.code and f'"code":"{expectation.code}"' not in result.stdout:
                problems.append(f"README line {expectation.line_number}: no error {expectation.code} in the output")
        if len(statuses) > len(expected):
            problems.append(f"{len(statuses)} curl commands ran where the block has {len(expected)} curl lines")
        if problems:
            print("The README's examples do not answer as the README says:", file=sys.stderr)
            for problem in problems:
                print(f"  {problem}", file=sys.stderr)
            print(f"\n--- block output (last 4000 characters) ---\n{result.stdout[-4000:]}", file=sys.stderr)
            print(f"--- block errors ---\n{other_errors[-4000:]}", file=sys.stderr)
            print(f"--- server log ---\n{server.server_log()}", file=sys.stderr)
            return 1
        print(f"{len(expected)} curl examples of README.md answered as stated")
        return 0
    finally:
        if server is not None:
            server.stop()
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
