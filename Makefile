# The two commands of the README are `make run` and `make test`.
.PHONY: run test setup lint loadtest
# `make loadtest DURATION=300`: seconds of load (README, Load test).
DURATION ?= 60
run:
	@bash tools/run.sh
test:
	@bash tools/test.sh
setup:
	@bash tools/setup.sh
lint: setup
	@bash tools/lint.sh
loadtest: setup
	@.stack/venv/bin/python tools/loadtest.py --duration $(DURATION)
