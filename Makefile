# imhost: the README's commands. Each target sets up what it needs (apt packages, Debian
# sources), so `make run` and `make test` work on a fresh Debian 12 machine.
#   make run     build and start the GUI (under Xvfb when there is no DISPLAY)
#   make test    build and run every test (unit, live C++, live pytest)
#   make bench   print the benchmark tables (build/bench/results.json); one section alone:
#                make bench SECTION=startup   (startup, load, actions, frames, idle, crash, demo,
#                demo-frames, registry-headless)
#   make test-asan / make test-tsan / make fuzz
.PHONY: setup build run test test-asan test-tsan bench fuzz format tidy clean

MAKEFLAGS += --no-print-directory
JOBS ?= $(shell nproc)
ARGS ?=
BUILD := build/release

setup:
	@bash third_party/setup.sh

build: setup
	@cmake --preset release >/dev/null
	@cmake --build $(BUILD) -j$(JOBS)

run: build
	@if [ -n "$$DISPLAY" ] || [ -n "$$WAYLAND_DISPLAY" ]; then \
	  exec $(BUILD)/app/imhost $(ARGS); \
	else \
	  echo "make run: no DISPLAY, starting imhost under Xvfb (xvfb-run)"; \
	  exec xvfb-run -a -s "-screen 0 1920x1200x24 -nolisten tcp" $(BUILD)/app/imhost $(ARGS); \
	fi

test: build
	@bash tests/harness/ctest_with_summary.sh $(BUILD) --output-on-failure -j2

# The sanitizer runs leave out the `package` tests: they check CMake's packaging (configure-time
# errors, an install round trip), which `make test` covers, and would rebuild Dear ImGui three times.
test-asan: setup
	@cmake --preset asan >/dev/null
	@cmake --build build/asan -j$(JOBS)
	@cd build/asan && ctest --output-on-failure -j2 -LE package

test-tsan: setup
	@cmake --preset tsan >/dev/null
	@cmake --build build/tsan -j$(JOBS)
	@# LP_NUM_THREADS=0: Mesa's llvmpipe threads are not instrumented, and TSan reports races
	@# inside swrast_dri.so (glfwSwapBuffers) that halt imhost; one GL thread has none.
	@cd build/tsan && LP_NUM_THREADS=0 TSAN_OPTIONS="halt_on_error=1 second_deadlock_stack=1" ctest --output-on-failure -j2 -LE package

# Each libFuzzer target (tests/fuzz/) for FUZZ_SECONDS, with ASan+UBSan, built by Debian's clang.
FUZZ_SECONDS ?= 60
fuzz: setup
	@CC=clang CXX=clang++ cmake -S . -B build/fuzz -DCMAKE_BUILD_TYPE=RelWithDebInfo \
	  -DCMAKE_C_FLAGS_RELWITHDEBINFO="-O1 -g" -DCMAKE_CXX_FLAGS_RELWITHDEBINFO="-O1 -g" \
	  -DIMHOST_SANITIZE="address;undefined" -DIMHOST_BUILD_FUZZ=ON -DIMHOST_BUILD_TESTS=OFF \
	  -DIMHOST_BUILD_BENCH=OFF >/dev/null
	@cmake --build build/fuzz -j$(JOBS) --target imhost_fuzz
	@tests/fuzz/run_fuzzers.sh build/fuzz $(FUZZ_SECONDS)

# Benchmarks are not tests: `make test` never runs them. The python of the build's venv (Debian's
# python3 with imhost_client installed, which bench_programs (re)installs).
bench: setup
	@cmake --preset release >/dev/null
	@cmake --build $(BUILD) -j$(JOBS) --target bench_programs
	@$(BUILD)/python-venv/bin/python bench/run_bench.py --build $(BUILD) --out build/bench/results.json \
	  $(if $(SECTION),--section $(SECTION))

format:
	@git ls-files '*.cpp' '*.h' | xargs clang-format -i

tidy: build
	@git ls-files 'app/*.cpp' 'hooks/*.cpp' 'imgui_guard/*.cpp' | xargs clang-tidy -p $(BUILD) --quiet

clean:
	@rm -rf build
