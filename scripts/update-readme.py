#!/usr/bin/env python3
"""Refreshes README.md's example output: every block that follows a `<!-- run: CMD -->` line is
replaced by the real output of CMD run with the built binary (build/haul) from the repository root.
`<!-- run-raw: CMD -->` pastes the output as Markdown instead of a code block.
`<!-- picture: CMD -->` runs a `haul plot ... -o FILE.svg` command, which writes the picture that
the image line after it shows (its alt text is the picture's <title>). Run it after a change that
alters what haul prints or draws; commit the result (README.md and the pictures).

The example scenarios (HAUL_EXAMPLES in CMakeLists.txt) and the catalog are compiled into the
binary, so `--example NAME` shows the file as it was at the last build: the script stops if one of
them is newer than build/haul. `--check` writes nothing and exits 1 if the README is out of date,
naming the commands whose output changed. Commands that exit non-zero are listed on stderr (the
"Bad input" section shows some on purpose)."""
import html, pathlib, re, shlex, subprocess, sys, tempfile

root = pathlib.Path(__file__).resolve().parent.parent
readme = root / "README.md"
binary = root / "build/haul"
check = sys.argv[1:] == ["--check"]
if sys.argv[1:] and not check:
    sys.exit("usage: scripts/update-readme.py [--check]")

def compiled_in():
    """The files built into the binary: the catalog and every example on CMakeLists.txt's list."""
    cmake = (root / "CMakeLists.txt").read_text()
    m = re.search(r"^set\(HAUL_EXAMPLES ([^)]*)\)", cmake, re.M)
    if not m:
        sys.exit("update-readme: no set(HAUL_EXAMPLES ...) line in CMakeLists.txt")
    return [root / "configs/catalog.toml"] + [root / f"configs/{n}.toml" for n in m.group(1).split()]

if not binary.exists():
    sys.exit(f"update-readme: {binary} is missing: build it first (cmake --build build --target haul)")
stale = [f for f in compiled_in() if f.stat().st_mtime > binary.stat().st_mtime]
if stale:
    names = ", ".join(str(f.relative_to(root)) for f in stale)
    sys.exit(f"update-readme: {names} changed since build/haul was built, which compiles them in: "
             "rebuild (cmake --build build --target haul) first")

text = readme.read_text()
failed, changed = [], []

def run(cmd, stderr=True):
    p = subprocess.run(cmd.replace("haul ", str(binary) + " ", 1), shell=True, cwd=root,
                       capture_output=True, text=True)
    out = (p.stdout + (p.stderr if stderr else "")).rstrip("\n")
    if p.returncode:
        out += f"\n(exit status {p.returncode})"
        failed.append(f"{cmd} (exit status {p.returncode})")
    return out

def fenced(m):
    cmd = m.group(2)
    new = f"{m.group(1)}```\n$ {cmd}\n{run(cmd)}\n```\n"
    if new != m.group(0):
        changed.append(cmd)
    return new

def raw(m):
    cmd = m.group(2)
    new = f"{m.group(1)}{run(cmd, stderr=False)}\n<!-- end -->\n"
    if new != m.group(0):
        changed.append(cmd)
    return new

def picture(m):
    """Runs a plot command (to a scratch file under --check) and writes the image line."""
    cmd = m.group(2)
    words = shlex.split(cmd)
    if "-o" not in words or not words[words.index("-o") + 1].endswith(".svg"):
        sys.exit(f"update-readme: a picture's command needs -o FILE.svg: {cmd}")
    target = root / words[words.index("-o") + 1]
    with tempfile.TemporaryDirectory() as scratch:
        out = pathlib.Path(scratch) / target.name
        words[words.index("-o") + 1] = str(out)
        words[0] = str(binary)
        p = subprocess.run(words, cwd=root, capture_output=True, text=True)
        if p.returncode:
            failed.append(f"{cmd} (exit status {p.returncode}: {p.stderr.strip()})")
            return m.group(0)
        svg = out.read_text()
    if not target.exists() or target.read_text() != svg:
        changed.append(cmd)
        if not check:
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(svg)
    title = re.search(r"<title>(.*?)</title>", svg, re.S)
    alt = html.unescape(title.group(1)) if title else target.stem
    rel = target.relative_to(root)
    new = f"{m.group(1)}![{alt}]({rel})\n"
    if new != m.group(0):
        changed.append(cmd + " (image line)")
    return new

text = re.sub(r"(<!-- run: (.+?) -->\n)```\n.*?```\n", fenced, text, flags=re.S)
text = re.sub(r"(<!-- picture: (.+?) -->\n)(?:!\[[^\n]*\]\([^\n]*\)\n)?", picture, text)
text = re.sub(r"(<!-- run-raw: (.+?) -->\n).*?<!-- end -->\n", raw, text, flags=re.S)
for f in failed:
    print(f"update-readme: exits non-zero: {f}", file=sys.stderr)
if check:
    for c in changed:
        print(f"update-readme: out of date: {c}", file=sys.stderr)
    sys.exit(1 if changed else 0)
readme.write_text(text)
print(f"README.md updated ({len(changed)} of its outputs changed)", file=sys.stderr)
