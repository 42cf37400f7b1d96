"""Everything on disk: the vault (keys), the SQLCipher engine, schema, migrations and queries.

Nothing outside this package opens files in the data folder."""
