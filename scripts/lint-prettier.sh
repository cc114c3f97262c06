#!/usr/bin/env bash
# pre-commit hook entry for prettier (see .pre-commit-config.yaml): runs
# `prettier "$@"` (with --write --list-different) and fails when it rewrote a
# file. pre-commit itself only notices changes to files in git's index, and
# scripts/lint.sh also lints files not added yet.
out=$(prettier "$@") || exit
if [ -n "$out" ]; then
    echo "prettier reformatted:"
    echo "$out"
    exit 1
fi
