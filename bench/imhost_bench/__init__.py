"""imhost benchmarks: sections run by bench/run_bench.py, each a module with run(bench) -> Section."""
