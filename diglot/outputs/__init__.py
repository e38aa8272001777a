"""Outputs: their kinds, the build that makes them, its plan, the digests that say what is stale, the manifest
and stamp that remember what was made, the web edition's precompressed copies, and the preview server."""
