using Gatekeeper.Data.Tests.Support;

namespace Gatekeeper.Data.Tests.Workflows;

public sealed class SqliteWorkflowPersistenceTests(SqliteStoreFixture store) : WorkflowPersistenceSuite<SqliteStoreFixture>(store);
