#!/bin/sh
# /app/bin/hipcoach inside the Flatpak: the package and its routines, exercises and icons are in /app/share/hipcoach.
export PYTHONPATH="/app/share/hipcoach${PYTHONPATH:+:$PYTHONPATH}"
export HIPCOACH_RESOURCES=/app/share/hipcoach/resources
exec python3 -m hipcoach "$@"
