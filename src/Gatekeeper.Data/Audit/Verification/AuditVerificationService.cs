using System.Globalization;
using Gatekeeper.Audit;
using Gatekeeper.Audit.Chain;

namespace Gatekeeper.Data.Audit.Verification;

/// <summary>
/// Verifies the store and records the result in the log itself as an <c>audit.verified</c> entry (outcome
/// Succeeded = intact, Failed = broken; reason = the verifier's message), which is where the console's
/// verification status comes from.
/// </summary>
public sealed class AuditVerificationService(AuditStoreVerifier verifier, AuditTrail trail, AuditKeys keys)
{
    /// <summary>Links what is pending (when this process holds the signing key), verifies, and records the result.</summary>
    public async Task<AuditStoreVerification> VerifyAndRecordAsync(AuditActor actor, AuditVerificationScope scope, CancellationToken cancellationToken)
    {
        if (keys.SigningKeyExists) await trail.LinkPendingAsync(cancellationToken);
        var verification = await verifier.VerifyAsync(scope, cancellationToken);
        if (keys.SigningKeyExists) await RecordAsync(verification, actor, cancellationToken);
        return verification;
    }

    public Task<ChainedEntry> RecordAsync(AuditStoreVerification verification, AuditActor actor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(verification);
        ArgumentNullException.ThrowIfNull(actor);
        var r = verification.Result;
        var details = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            [AuditDetailKeys.EntriesChecked] = r.EntriesChecked.ToString(CultureInfo.InvariantCulture),
            [AuditDetailKeys.CheckpointsChecked] = r.CheckpointsChecked.ToString(CultureInfo.InvariantCulture),
            ["scope"] = verification.Scope == AuditVerificationScope.Everything ? "everything" : "live-only",
            ["archiveFiles"] = verification.ArchiveFiles.ToString(CultureInfo.InvariantCulture),
            ["milliseconds"] = ((long)verification.Duration.TotalMilliseconds).ToString(CultureInfo.InvariantCulture),
        };
        if (r.BrokenAt is { } broken) details[AuditDetailKeys.BrokenAt] = broken.ToString(CultureInfo.InvariantCulture);
        if (r.LastSequence is { } lastSeq) details[AuditDetailKeys.LastSequence] = lastSeq.ToString(CultureInfo.InvariantCulture);
        if (r.LastSignedSequence is { } signed) details["lastSignedSequence"] = signed.ToString(CultureInfo.InvariantCulture);
        if (verification.PendingEntries > 0) details["pendingEntries"] = verification.PendingEntries.ToString(CultureInfo.InvariantCulture);
        return trail.RecordAsync(new AuditRecord
        {
            At = verification.VerifiedAt, ActorId = actor.Id, ActorRole = actor.Role, OrganisationId = actor.OrganisationId, ClientAddress = actor.ClientAddress,
            Action = AuditActions.AuditVerified, SubjectType = AuditSubjectTypes.AuditLog,
            Outcome = r.IsValid ? AuditOutcome.Succeeded : AuditOutcome.Failed,
            Reason = r.Message.Length <= AuditRecordRules.MaxReasonLength ? r.Message : r.Message[..AuditRecordRules.MaxReasonLength],
            Details = details,
        }, cancellationToken);
    }
}
