"""How the tests, benchmarks and author tools start Debian's chromium through Playwright: one path, one set of flags.

Playwright's own browser download does not work on the build machines, so every script launches the system's
chromium (installed by `make chromium`) headless, with nothing running in the background that could reach the
network or change the timings.
"""
EXECUTABLE = "/usr/bin/chromium"
FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
]
