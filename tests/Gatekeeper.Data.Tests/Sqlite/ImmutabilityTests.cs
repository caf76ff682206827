using Gatekeeper.Data.Tests.Suites;
using Gatekeeper.Data.Tests.Support;

namespace Gatekeeper.Data.Tests.Sqlite;

public sealed class ImmutabilityTests(SqliteStoreFixture store) : ImmutabilitySuite<SqliteStoreFixture>(store);
