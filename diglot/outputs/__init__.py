"""Outputs: the build that makes them, its plan, the digests that say what is stale, the manifest and stamp
that remember what was made, and the preview server."""
