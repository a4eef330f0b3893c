# The two commands of the README are `make run` and `make test`;
# `make bench SCALE=national` is the benchmark (README, Performance).
.PHONY: run test setup lint bench
SCALE ?= small
run:
	@bash tools/run.sh
test:
	@bash tools/test.sh
setup:
	@bash tools/setup.sh
lint: setup
	@bash tools/lint.sh
bench: setup
	@.stack/venv/bin/python bench/run.py --scale $(SCALE)
