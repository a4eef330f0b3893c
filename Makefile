# The two commands of the README are `make run` and `make test`;
# `make screenshots` retakes the README's pictures.
.PHONY: run test setup lint screenshots
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
