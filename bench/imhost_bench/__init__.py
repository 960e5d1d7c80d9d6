"""imhost benchmarks: the sections bench/run_bench.py runs, each a module with run(bench)."""
