# The two commands of the README are `make run` and `make test`;
# `make screenshots` retakes the README's pictures, `make loadtest DURATION=300` runs the long load test,
# `make bench SCALE=national` is the benchmark (README, Performance), `make cluster DURATION=60`
# runs the load test on two nodes and a PostgreSQL replica (tools/cluster.py; SCALE=national on
# a copy of the national data set).
.PHONY: run test setup lint screenshots loadtest bench cluster
DURATION ?= 60
SCALE ?= small
run:
	@bash tools/run.sh
test:
	@bash tools/test.sh
setup:
	@bash tools/setup.sh
lint: setup
	@bash tools/lint.sh
screenshots:
	@bash tools/screenshots.sh
loadtest: setup
	@.stack/venv/bin/python tools/loadtest.py --duration $(DURATION)
bench: setup
	@.stack/venv/bin/python bench/run.py --scale $(SCALE)

cluster: setup
	@.stack/venv/bin/python tools/cluster.py --duration $(DURATION) \
		--scale $(if $(filter national,$(SCALE)),national,demo)
