# Lines for .ci/run (owned by the lead), after `cargo test`:
# the real-browser quality gate of issue 5. run.sh installs what it needs
# idempotently (chromium and Java via apt if missing, `npm ci` in tests/browser,
# a Python venv in .venv), builds the example with `cargo run --release -- build`
# and runs axe-core, keyboard, screenshots (target/screenshots/), the Nu Html
# Checker, the feed parsers and the live-reload test. Non-zero exit on any failure.
bash "$(cd "$(dirname "$0")/.." && pwd)/tests/browser/run.sh"
