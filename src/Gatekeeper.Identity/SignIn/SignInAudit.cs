using Gatekeeper.Audit;
using Gatekeeper.Data.Audit;
using Microsoft.AspNetCore.Http;

namespace Gatekeeper.Identity.SignIn;

/// <summary>Writes sign-in events (successes, failures, lockouts, enrolments) to the audit trail.</summary>
internal sealed class SignInAudit(AuditTrail trail, TimeProvider time)
{
    public Task RecordAsync(HttpContext context, string actorId, string action, AuditOutcome outcome, string? reason) =>
        trail.RecordAsync(new AuditRecord
        {
            At = time.GetUtcNow(),
            ActorId = string.IsNullOrEmpty(actorId) ? "anonymous" : actorId[..Math.Min(actorId.Length, 64)],
            Action = action,
            SubjectType = "user",
            SubjectIds = string.IsNullOrEmpty(actorId) ? [] : [actorId[..Math.Min(actorId.Length, 64)]],
            Outcome = outcome,
            Reason = reason,
            ClientAddress = context.Connection.RemoteIpAddress?.ToString(),
        }, context.RequestAborted);
}
