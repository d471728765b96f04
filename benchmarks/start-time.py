#!/usr/bin/env python3
"""Start time: from process start to the banner's first line ("iotcore-local is running"), and the process's
CPU (user + system) until it exits. Run it on a command that exits after the banner:

    python3 benchmarks/start-time.py 9 ./iotcore-local --exit-when-started --certificates /tmp/pki \\
        --mqtts-port 0 --mqtt-port 0 --api-port 0

prints the median over N runs, the minimum, the median CPU and every run. The first start after a build records
the class-data archive (a few seconds): run once before measuring. This machine's speed drifts over minutes:
compare builds in alternated rounds, never across windows."""
import os
import statistics
import subprocess
import sys
import time

if len(sys.argv) < 3:
    sys.exit(__doc__)
runs, command = int(sys.argv[1]), sys.argv[2:]
walls, cpus = [], []
for _ in range(runs):
    start = time.monotonic()
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    banner = None
    for line in process.stdout:
        if banner is None and 'iotcore-local is running' in line:
            banner = time.monotonic() - start
    _, status, usage = os.wait4(process.pid, 0)
    if banner is None:
        sys.exit('no banner (exit status %d): %s' % (os.waitstatus_to_exitcode(status), ' '.join(command)))
    walls.append(banner)
    cpus.append(usage.ru_utime + usage.ru_stime)
print('wall median %.3f s (min %.3f)  cpu median %.2f s  runs %s' % (statistics.median(walls), min(walls),
      statistics.median(cpus), ' '.join('%.2f' % t for t in walls)))
