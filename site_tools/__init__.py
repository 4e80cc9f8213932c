"""Build machinery of the site: the example runner and the MkDocs hooks. Tested in tests/site_tools/."""
