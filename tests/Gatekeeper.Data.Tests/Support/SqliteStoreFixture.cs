namespace Gatekeeper.Data.Tests.Support;

/// <summary>The embedded default: a SQLite file in a temporary data folder.</summary>
public sealed class SqliteStoreFixture() : StoreFixture(DatabaseProvider.Sqlite);
