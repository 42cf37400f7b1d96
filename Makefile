# The README's two commands: `make run` and `make test`. Each builds .venv on first use.
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: run test lint bench lock clean package screenshots

$(STAMP): requirements.lock pyproject.toml
	$(PY) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q --only-binary=:all: -r requirements.lock
	$(BIN)/python -m pip install -q --no-deps --no-build-isolation -e .
	touch $(STAMP)

run: $(STAMP)
	$(BIN)/ewo-desk

test: $(STAMP)
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m pytest -n 2

# The frozen one-folder app (dist/ewo-desk), then the smoke test that runs it headless.
package: $(STAMP)
	bash packaging/build.sh
	QT_QPA_PLATFORM=offscreen EWO_DESK_FROZEN_APP=dist/ewo-desk/ewo-desk \
		$(BIN)/python -m pytest tests/frozen -m slow -p no:xdist

# Every main screen on the demo caseload, rendered under Xvfb (a real X server) for the README.
screenshots: $(STAMP)
	rm -f docs/screenshots/*.png
	xvfb-run -a -s "-screen 0 1600x1000x24" env QT_QPA_PLATFORM=xcb \
		$(BIN)/python scripts/shots.py docs/screenshots

lint: $(STAMP)
	$(BIN)/python -m pip install -q ruff mypy
	$(BIN)/ruff check ewo_desk tests bench
	$(BIN)/mypy ewo_desk/domain

bench: $(STAMP)
	for b in bench/bench_*.py; do $(BIN)/python $$b || exit 1; done

lock:
	rm -rf /tmp/ewo-lock && $(PY) -m venv /tmp/ewo-lock
	/tmp/ewo-lock/bin/pip install -q --upgrade pip setuptools
	/tmp/ewo-lock/bin/pip install -q --only-binary=:all: -e '.[test]'
	{ echo '# Exact versions the app and its tests install with (pip install -r requirements.lock).'; \
	  echo '# Regenerate: make lock  (after editing the ranges in pyproject.toml)'; \
	  /tmp/ewo-lock/bin/pip freeze --all --exclude-editable | grep -v '^pip=='; \
	  echo 'pywin32-ctypes==0.2.3 ; sys_platform == "win32"  # keyring on Windows'; \
	} > requirements.lock.new && mv requirements.lock.new requirements.lock

clean:
	rm -rf $(VENV)
