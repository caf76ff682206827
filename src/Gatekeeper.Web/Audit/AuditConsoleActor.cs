using Gatekeeper.Audit;
using Gatekeeper.Domain.Common;

namespace Gatekeeper.Web.Audit;

/// <summary>The signed-in operator as the audit log names them when the console records its own verifications and exports.</summary>
internal static class AuditConsoleActor
{
    public static AuditActor From(Actor actor) =>
        new(actor.UserId, Roles.CertifiedOperator, actor.OrganisationId, actor.ClientAddress);
}
