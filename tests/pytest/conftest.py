"""Makes hooks/clients/python importable and loads the imhost pytest plugin (live_gui)."""
import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "..", "hooks", "clients", "python"))

pytest_plugins = ["imhost_client.pytest_plugin"]
