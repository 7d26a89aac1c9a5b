# Lines for .ci/run (owned by the lead), appended after its last line
# `cargo run --release -- build` (.ci/run has already cd'ed to the repo root):
#
# The real-browser quality gate of issue 5. run.sh installs what it needs,
# idempotently (chromium and Java via apt only if missing, `npm ci` in
# tests/browser when the lock file changed, a Python venv in .venv when
# requirements.txt changed), then runs axe-core (WCAG 2.1 AA), the keyboard
# checks, screenshots (target/screenshots/), the Nu Html Checker, the feed
# parsers and the live-reload test against public/. --no-build: the line above
# has just built the example; without it run.sh builds it itself.
tests/browser/run.sh --no-build
