# Shorthands for the README's commands (which need only python3).
.PHONY: run test ci

run:
	python3 dev.py run

test:
	python3 dev.py test

ci:
	bash .ci/run
