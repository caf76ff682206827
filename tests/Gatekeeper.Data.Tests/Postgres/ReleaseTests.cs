using Gatekeeper.Data.Tests.Outputs;
using Gatekeeper.Data.Tests.Support;

namespace Gatekeeper.Data.Tests.Postgres;

public sealed class ReleaseTests(PostgresStoreFixture store) : ReleaseSuite<PostgresStoreFixture>(store);
