"""What /proc says: the machine, the load, and a process's CPU time and memory."""
import os


def machine():
    """The machine named for the README: CPU model, cores, memory."""
    model = "unknown CPU"
    with open("/proc/cpuinfo") as f:
        for line in f:
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    mem_kb = read_status_kb("/proc/meminfo", "MemTotal")
    return {"cpu": model, "cores": os.cpu_count(), "memory_gib": round(mem_kb / 1048576, 1)}


def load_1min():
    with open("/proc/loadavg") as f:
        return float(f.read().split()[0])


def cpu_ns(pid, main_thread_only=False):
    """CPU time a process used so far, in ns (scheduler accounting, all threads or the main one).

    /proc/PID/task/TID/schedstat has ns resolution; /proc/PID/stat counts 10 ms ticks."""
    tids = [str(pid)] if main_thread_only else os.listdir(f"/proc/{pid}/task")
    total = 0
    for tid in tids:
        try:
            with open(f"/proc/{pid}/task/{tid}/schedstat") as f:
                total += int(f.read().split()[0])
        except (FileNotFoundError, ProcessLookupError):
            pass  # a thread that ended between listdir and open
    return total


def thread_cpu_ns(pid, name):
    """CPU time, in ns, of a process's threads named `name` (/proc/PID/task/TID/comm)."""
    total = 0
    for tid in os.listdir(f"/proc/{pid}/task"):
        try:
            with open(f"/proc/{pid}/task/{tid}/comm") as f:
                if f.read().strip() != name:
                    continue
            with open(f"/proc/{pid}/task/{tid}/schedstat") as f:
                total += int(f.read().split()[0])
        except (FileNotFoundError, ProcessLookupError):
            pass  # a thread that ended between listdir and open
    return total


def read_status_kb(path, key):
    with open(path) as f:
        for line in f:
            if line.startswith(key + ":"):
                return int(line.split()[1])
    return 0


def memory_kib(pid):
    """Resident memory from /proc/PID/status: total (VmRSS) and its anonymous part (RssAnon)."""
    path = f"/proc/{pid}/status"
    return {"rss_kib": read_status_kb(path, "VmRSS"), "anon_kib": read_status_kb(path, "RssAnon")}
