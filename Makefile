# SPDX-License-Identifier: MulanPSL-2.0
# make run    — install what is missing, build, serve the demo county on http://127.0.0.1:8080
# make test   — install what is missing, build, run every test on SQLite and PostgreSQL
# make bench  — benchmarks (long; not part of make test), figures go to bench/RESULTS.md
# make fuzz   — libFuzzer runs of every parser of outside input (clang, build-fuzz/);
#               FUZZ_SECONDS=N per target (default 60); figures go to bench/RESULTS.md

BUILD ?= build
JOBS ?= $(shell nproc)
# Let ccache reuse objects across clones in different folders.
export CCACHE_BASEDIR := $(CURDIR)
export CCACHE_NOHASHDIR := 1

.PHONY: all bootstrap configure build web run test format format-check layering-check bench fuzz clean

all: build

bootstrap:
	@scripts/bootstrap

$(BUILD)/build.ninja: CMakeLists.txt
	cmake -S . -B $(BUILD) -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DAMR_WERROR=ON

configure: bootstrap $(BUILD)/build.ninja

build: configure web
	cmake --build $(BUILD) -j $(JOBS)

# The web UI (web/dist), rebuilt only when a source of it is newer.
web: bootstrap
	@node web/scripts/build-if-stale.mjs

run: build
	mkdir -p var
	$(BUILD)/amr serve --db sqlite:var/amr.db --listen 127.0.0.1:8080 --demo

format:
	@git ls-files '*.h' '*.cc' | xargs clang-format -i

format-check:
	@scripts/check-format

# Routes never run SQL (scripts/check-layering).
layering-check:
	@scripts/check-layering

test: build format-check layering-check
	AMR_REQUIRE_PG=1 AMR_REQUIRE_NGINX=1 scripts/with-postgres ctest --test-dir $(BUILD) --output-on-failure -j $(JOBS) --timeout 600

bench: build
	cmake --build $(BUILD) --target draw_bench establishment_bench license_bench amr_name_bench
	bench/run

fuzz:
	scripts/fuzz

clean:
	rm -rf $(BUILD)
