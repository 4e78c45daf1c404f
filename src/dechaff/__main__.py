import sys

from .cli import main

# Guarded: with --jobs, a worker process started by "spawn" (macOS, Windows)
# imports this module again, and must not run the command a second time.
if __name__ == "__main__":
    sys.exit(main())
