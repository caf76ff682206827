using System.Globalization;
using Gatekeeper.Audit;
using Gatekeeper.Data.Audit;
using Gatekeeper.Data.Audit.Export;
using Gatekeeper.Domain.Common;

namespace Gatekeeper.Web.Audit;

/// <summary>
/// The console's download of a range of the log in the export format (<c>gatekeeper-audit-export-v1</c>, JSON Lines
/// with the checkpoints and public keys, verifiable offline with <c>gatekeeper verify-audit --file</c>). The file is
/// written to a temporary file first, so a refused or failed export sends nothing; a finished one is recorded as an
/// <c>audit.exported</c> entry naming the operator before it is sent.
/// </summary>
public sealed class AuditConsoleExport(AuditStoreExporter exporter, AuditTrail trail, TimeProvider time)
{
    public async Task<DomainResult<AuditConsoleExportFile>> ExportAsync(Actor actor, AuditExportRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var path = Path.Combine(Path.GetTempPath(), $"gatekeeper-audit-export-{Guid.NewGuid():N}.jsonl");
        var stream = new FileStream(path, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, 81920, FileOptions.DeleteOnClose | FileOptions.Asynchronous);
        try
        {
            var exported = await exporter.ExportAsync(request, stream, cancellationToken);
            if (!exported.Succeeded)
            {
                await stream.DisposeAsync();
                return DomainResult<AuditConsoleExportFile>.Fail(exported.Errors);
            }

            var s = exported.Value!;
            var name = $"gatekeeper-audit-{s.FirstSequence}-{s.LastSequence}-{time.GetUtcNow():yyyyMMddHHmmss}.jsonl";
            var c = CultureInfo.InvariantCulture;
            var who = AuditConsoleActor.From(actor);
            await trail.RecordAsync(new AuditRecord
            {
                At = time.GetUtcNow(), ActorId = who.Id, ActorRole = who.Role, OrganisationId = who.OrganisationId, ClientAddress = who.ClientAddress,
                Action = AuditActions.AuditExported, SubjectType = AuditSubjectTypes.AuditLog, SubjectIds = [name],
                Reason = $"entries #{s.FirstSequence}-#{s.LastSequence} exported",
                Details = new Dictionary<string, string>
                {
                    [AuditDetailKeys.FirstSequence] = s.FirstSequence.ToString(c),
                    [AuditDetailKeys.LastSequence] = s.LastSequence.ToString(c),
                    [AuditDetailKeys.Sha256] = s.Sha256,
                },
            }, cancellationToken);
            stream.Position = 0;
            return DomainResult<AuditConsoleExportFile>.Ok(new AuditConsoleExportFile(name, s, stream));
        }
        catch
        {
            await stream.DisposeAsync();
            throw;
        }
    }
}
