namespace Gatekeeper.Data.Tests.Support;

/// <summary>
/// A fresh database on the loopback PostgreSQL server named by <c>GATEKEEPER_TEST_POSTGRES</c>.
/// Without it the tests fail (they never skip): <c>./gatekeeper.sh test</c> always provides it.
/// </summary>
public sealed class PostgresStoreFixture() : StoreFixture(DatabaseProvider.Postgres);
