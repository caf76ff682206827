using Gatekeeper.Domain.Applications;
using Gatekeeper.Domain.Common;
using Gatekeeper.Domain.Organisations;
using Gatekeeper.Workflows.Engine;

namespace Gatekeeper.Data.Workflows;

/// <summary>One step on one instance: the open context and transaction, the loaded engine session and the subject's application (tracked).</summary>
internal sealed record StepContext(GatekeeperDbContext Db, WorkflowSession Session, SecondaryUseApplication Application, IReadOnlyList<UserProfile> People, Actor? Actor, DateTimeOffset Now);
