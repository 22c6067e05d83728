#!/usr/bin/env python3
"""Refreshes README.md's example output: every block that follows a `<!-- run: CMD -->` line is
replaced by the real output of CMD run with the built binary (build/haul) from the repository root.
`<!-- run-raw: CMD -->` pastes the output as Markdown instead of a code block. Run it after a change
that alters what haul prints; commit the result."""
import pathlib, re, subprocess, sys

root = pathlib.Path(__file__).resolve().parent.parent
readme = root / "README.md"
text = readme.read_text()

def run(cmd, stderr=True):
    p = subprocess.run(cmd.replace("haul ", str(root / "build/haul") + " ", 1), shell=True, cwd=root,
                       capture_output=True, text=True)
    out = (p.stdout + (p.stderr if stderr else "")).rstrip("\n")
    if p.returncode:
        out += f"\n(exit status {p.returncode})"
    return out

def fenced(m):
    cmd = m.group(2)
    return f"{m.group(1)}```\n$ {cmd}\n{run(cmd)}\n```\n"

def raw(m):
    cmd = m.group(2)
    return f"{m.group(1)}{run(cmd, stderr=False)}\n<!-- end -->\n"

text = re.sub(r"(<!-- run: (.+?) -->\n)```\n.*?```\n", fenced, text, flags=re.S)
text = re.sub(r"(<!-- run-raw: (.+?) -->\n).*?<!-- end -->\n", raw, text, flags=re.S)
readme.write_text(text)
print("README.md updated", file=sys.stderr)
