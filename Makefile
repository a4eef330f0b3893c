# The two commands of the README are `make run` and `make test`.
.PHONY: run test setup lint
run:
	@bash tools/run.sh
test:
	@bash tools/test.sh
setup:
	@bash tools/setup.sh
lint: setup
	@bash tools/lint.sh
