"""Shared fixtures: the repository's paths, a copy of the content to break, and one strict build of the site."""
import json
import os
import shutil
import socket

import pytest

from helpers import CONTENT, run_build


@pytest.fixture
def content_copy(tmp_path):
    """A writable copy of content/ plus helpers to edit one record."""
    target = tmp_path / "content"
    shutil.copytree(CONTENT, target)

    class Copy:
        root = target

        def edit(self, relative, change):
            path = target / relative
            record = json.loads(path.read_text())
            change(record)
            path.write_text(json.dumps(record, indent=2))
            return path

    return Copy()



@pytest.fixture(scope="session")
def site_port():
    """A free port for serving the built site; the build's site_url names it, as Material's instant navigation
    only treats links under site_url as part of the site."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture(scope="session")
def built_site(tmp_path_factory, site_port):
    """The whole site, built once with --strict from the real content."""
    site = tmp_path_factory.mktemp("site")
    result = run_build(site, env={**os.environ, "SITE_URL": f"http://127.0.0.1:{site_port}/"})
    assert result.returncode == 0, result.stderr[-4000:]
    return site
