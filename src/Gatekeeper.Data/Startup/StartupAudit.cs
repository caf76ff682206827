using System.Security.Cryptography;
using System.Text;
using Gatekeeper.Audit;
using Gatekeeper.Data.Audit;
using Gatekeeper.Data.Workflows;
using Gatekeeper.Policies;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace Gatekeeper.Data.Startup;

/// <summary>
/// What the gatekeeper runs under, put on the record at every start: <c>config.loaded</c> with the SHA-256 of the
/// effective <c>Gatekeeper</c> settings (secrets redacted), and <c>policy.changed</c> /
/// <c>workflow.definition-changed</c> for every policy, template or workflow file whose SHA-256 differs from the last
/// one recorded (or that is new), with the previous hash — so an auditor can tell which rules were in force when.
/// </summary>
public sealed class StartupAudit(
    IDbContextFactory<GatekeeperDbContext> factory, AuditTrail audit, IConfiguration configuration,
    IOptions<PolicyOptions> policies, IOptions<WorkflowOptions> workflows, TimeProvider time)
{
    /// <summary>Setting names whose values never go into the record, not even hashed (a hash of a short secret can be guessed).</summary>
    private static readonly string[] SecretMarkers = ["password", "secret", "connectionstring", "key", "token"];

    public async Task RecordAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var files = VersionedFiles().ToList();
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        await using var tx = await db.Database.BeginTransactionAsync(cancellationToken);
        // What was last recorded for each file, in one query (the entries are indexed by subject).
        var subjects = files.Select(f => f.Subject).ToList();
        var recorded = (await db.Set<AuditEntryRow>().AsNoTracking()
                .Where(e => (e.Action == AuditActions.PolicyChanged || e.Action == AuditActions.WorkflowDefinitionChanged) && subjects.Contains(e.SubjectId!))
                .OrderBy(e => e.Sequence).Select(e => new { e.Action, e.SubjectId, e.Details }).ToListAsync(cancellationToken))
            .GroupBy(e => (e.Action, e.SubjectId!)).ToDictionary(g => g.Key, g => g.Last().Details?.GetValueOrDefault(AuditDetailKeys.Sha256));
        foreach (var (subject, path, isWorkflow) in files)
        {
            var sha = Convert.ToHexStringLower(SHA256.HashData(await File.ReadAllBytesAsync(path, cancellationToken)));
            var action = isWorkflow ? AuditActions.WorkflowDefinitionChanged : AuditActions.PolicyChanged;
            var previousSha = recorded.GetValueOrDefault((action, subject));
            if (previousSha == sha) continue;
            var details = new Dictionary<string, string> { [AuditDetailKeys.Sha256] = sha };
            if (previousSha is not null) details["previousSha256"] = previousSha;
            await audit.AppendAsync(db, new AuditRecord
            {
                At = now, ActorId = AuditActor.System.Id, ActorRole = AuditActor.System.Role, Action = action,
                SubjectType = AuditSubjectTypes.Policy, SubjectIds = [subject],
                Reason = previousSha is null ? "first seen at start-up" : "changed since the last start", Details = details,
            }, cancellationToken);
        }

        await audit.AppendAsync(db, new AuditRecord
        {
            At = now, ActorId = AuditActor.System.Id, ActorRole = AuditActor.System.Role, Action = AuditActions.ConfigurationLoaded,
            SubjectType = AuditSubjectTypes.Policy, SubjectIds = ["configuration"],
            Reason = $"started with {files.Count} policy, template and workflow file(s)",
            Details = new Dictionary<string, string> { [AuditDetailKeys.Sha256] = SettingsSha256(), [AuditDetailKeys.Files] = files.Count.ToString(System.Globalization.CultureInfo.InvariantCulture) },
        }, cancellationToken);
        await tx.CommitAsync(cancellationToken);
    }

    /// <summary>The effective <c>Gatekeeper:*</c> settings, sorted, secrets replaced by "(set)", hashed.</summary>
    public string SettingsSha256()
    {
        var lines = configuration.GetSection("Gatekeeper").AsEnumerable(makePathsRelative: false)
            .Where(p => p.Value is not null)
            .Select(p => $"{p.Key}={(SecretMarkers.Any(m => p.Key.Contains(m, StringComparison.OrdinalIgnoreCase)) ? "(set)" : p.Value)}")
            .Order(StringComparer.Ordinal);
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(string.Join('\n', lines))));
    }

    /// <summary>The policy folder's YAML and templates, and the workflow definitions, by a stable subject id (their relative path).</summary>
    private IEnumerable<(string Subject, string Path, bool IsWorkflow)> VersionedFiles()
    {
        var policyFolder = policies.Value.Folder;
        if (!string.IsNullOrEmpty(policyFolder) && System.IO.Directory.Exists(policyFolder))
        {
            foreach (var path in System.IO.Directory.EnumerateFiles(policyFolder, "*", SearchOption.AllDirectories)
                         .Where(p => p.EndsWith(".yaml", StringComparison.Ordinal) || p.EndsWith(".liquid", StringComparison.Ordinal)).Order(StringComparer.Ordinal))
                yield return (Subject("policies", policyFolder, path), path, false);
        }

        var workflowFolder = !string.IsNullOrEmpty(workflows.Value.Folder) ? workflows.Value.Folder
            : string.IsNullOrEmpty(policyFolder) ? "" : Path.Combine(Path.GetDirectoryName(Path.GetFullPath(policyFolder))!, "workflows");
        if (!string.IsNullOrEmpty(workflowFolder) && System.IO.Directory.Exists(workflowFolder))
        {
            foreach (var path in System.IO.Directory.EnumerateFiles(workflowFolder, "*.yaml").Order(StringComparer.Ordinal))
                yield return (Subject("workflows", workflowFolder, path), path, true);
        }
    }

    private static string Subject(string prefix, string folder, string path)
    {
        var subject = $"{prefix}/{Path.GetRelativePath(folder, path).Replace('\\', '/')}";
        return subject.Length <= AuditRecordRules.MaxIdLength ? subject : subject[..AuditRecordRules.MaxIdLength];
    }
}
