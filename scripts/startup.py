#!/usr/bin/env python3
"""Measure shangyun's start-up, memory and idle CPU in a real pseudo-terminal, beside whiptail.

For each program, N runs of:
  1. fork it in a fresh pseudo-terminal of COLS x ROWS (TERM=xterm-256color);
  2. time to first frame = from just before the fork until the terminal output contains the program's
     marker text (a string its first screen shows);
  3. then leave it idle for IDLE seconds and read utime+stime from /proc/PID/stat before and after:
     idle CPU = the difference (clock ticks -> ms);
  4. peak memory = VmHWM from /proc/PID/status at the end of the idle period;
  5. send the quit key, wait; kill if still alive.
Reports the median of each figure per program and the ratio shangyun / whiptail, as a Markdown table.

Usage: scripts/startup.py [--runs 7] [--idle 5] [--bin target/release/shangyun]
whiptail is installed with apt if missing (Debian package `whiptail`).
"""
import argparse
import os
import pty
import select
import shutil
import signal
import statistics
import struct
import subprocess
import sys
import tempfile
import time
import fcntl
import termios

CLK_TCK = os.sysconf("SC_CLK_TCK")


def set_winsize(fd, rows, cols):
    fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", rows, cols, 0, 0))


def cpu_ticks(pid):
    with open(f"/proc/{pid}/stat") as f:
        fields = f.read().rsplit(")", 1)[1].split()
    # fields[11] = utime, fields[12] = stime (after the ")" of comm, 0-based from state)
    return int(fields[11]) + int(fields[12])


def vm_hwm_kib(pid):
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith("VmHWM:"):
                return int(line.split()[1])
    return -1


def run_once(argv, env, marker, quit_keys, idle, cols, rows, timeout=10.0):
    t0 = time.perf_counter()
    pid, fd = pty.fork()
    if pid == 0:  # child
        try:
            os.execvpe(argv[0], argv, env)
        finally:
            os._exit(127)
    set_winsize(fd, rows, cols)
    buf = b""
    first_frame = None
    deadline = t0 + timeout
    while time.perf_counter() < deadline:
        r, _, _ = select.select([fd], [], [], 0.05)
        if r:
            try:
                chunk = os.read(fd, 65536)
            except OSError:
                break
            buf += chunk
            if marker.encode() in buf:
                first_frame = time.perf_counter() - t0
                break
    if first_frame is None:
        os.kill(pid, signal.SIGKILL)
        os.waitpid(pid, 0)
        tail = buf[-400:].decode("utf-8", "replace")
        raise RuntimeError(f"{argv[0]}: marker {marker!r} not seen within {timeout}s; output tail: {tail!r}")
    # let the first frame finish, drain output, then measure an idle period
    time.sleep(0.2)
    drain(fd)
    before = cpu_ticks(pid)
    end = time.perf_counter() + idle
    while time.perf_counter() < end:
        drain(fd, wait=0.2)
    after = cpu_ticks(pid)
    hwm = vm_hwm_kib(pid)
    os.write(fd, quit_keys)
    gone = False
    for _ in range(50):
        drain(fd, wait=0.05)
        wpid, _ = os.waitpid(pid, os.WNOHANG)
        if wpid:
            gone = True
            break
    if not gone:
        os.kill(pid, signal.SIGKILL)
        os.waitpid(pid, 0)
    os.close(fd)
    return first_frame * 1000.0, hwm, (after - before) * 1000.0 / CLK_TCK


def drain(fd, wait=0.0):
    while True:
        r, _, _ = select.select([fd], [], [], wait)
        if not r:
            return
        try:
            if not os.read(fd, 65536):
                return
        except OSError:
            return
        wait = 0.0


def ensure_whiptail():
    if shutil.which("whiptail"):
        return
    print("installing whiptail with apt-get …", file=sys.stderr)
    subprocess.run(["apt-get", "update", "-qq"], check=False)
    subprocess.run(["apt-get", "install", "-y", "-qq", "whiptail"], check=True)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--runs", type=int, default=7)
    ap.add_argument("--idle", type=float, default=5.0)
    ap.add_argument("--cols", type=int, default=100)
    ap.add_argument("--rows", type=int, default=30)
    ap.add_argument("--bin", default="target/release/shangyun")
    args = ap.parse_args()
    ensure_whiptail()
    if not os.path.exists(args.bin):
        sys.exit(f"{args.bin} not found: run `cargo build --release` first")
    data = tempfile.mkdtemp(prefix="shangyun-bench-")
    env = dict(os.environ, TERM="xterm-256color", LANG="en_US.UTF-8", SHANGYUN_DATA_DIR=data)
    env.pop("NO_COLOR", None)
    programs = {
        # The demo opens on the welcome screen of a ready profile; its title is the marker.
        "shangyun --demo": ([args.bin, "--demo", "--lang", "en"], "shangyun", b"\x03"),
        "whiptail --msgbox": (["whiptail", "--msgbox", "Hello from whiptail", "10", "40"], "Hello from whiptail", b"\r"),
    }
    results = {}
    for name, (argv, marker, quit_keys) in programs.items():
        runs = [run_once(argv, env, marker, quit_keys, args.idle, args.cols, args.rows) for _ in range(args.runs)]
        results[name] = [statistics.median(col) for col in zip(*runs)]
        print(f"{name}: {len(runs)} runs", file=sys.stderr)
    s, w = results["shangyun --demo"], results["whiptail --msgbox"]
    print(f"| figure ({args.cols}x{args.rows}, median of {args.runs}) | shangyun --demo | whiptail --msgbox | ratio |")
    print("|---|---:|---:|---:|")
    labels = ["time to first frame (ms)", "peak memory VmHWM (KiB)", f"CPU while idle {args.idle:g} s (ms)"]
    for i, label in enumerate(labels):
        ratio = f"{s[i] / w[i]:.2f}" if w[i] > 0 else "—"
        print(f"| {label} | {s[i]:.1f} | {w[i]:.1f} | {ratio} |")
    shutil.rmtree(data, ignore_errors=True)


if __name__ == "__main__":
    main()
