"""Second file of the pytest crash-isolation batch: it must start on a fresh, clean GUI."""
import pytest


@pytest.mark.imhost_strict
def test_starts_on_a_clean_gui(live_gui):
    health = live_gui.health()
    assert health["status"] == "pass", health
    assert health["last_error"] is None and health["last_assert"] is None
    assert live_gui.process.launches == 1


def test_drives_the_gui(live_gui):
    assert live_gui.call("GET", "/api/status")["instance_id"] == \
        live_gui.process.port_info.instance_id
