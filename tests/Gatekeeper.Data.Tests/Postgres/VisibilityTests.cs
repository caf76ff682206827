using Gatekeeper.Data.Tests.Suites;
using Gatekeeper.Data.Tests.Support;

namespace Gatekeeper.Data.Tests.Postgres;

public sealed class VisibilityTests(PostgresStoreFixture store) : VisibilitySuite<PostgresStoreFixture>(store);
