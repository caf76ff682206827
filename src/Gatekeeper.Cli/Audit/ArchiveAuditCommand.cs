using System.CommandLine;
using System.Globalization;
using Gatekeeper.Data.Audit.Archiving;
using Microsoft.Extensions.Options;

namespace Gatekeeper.Cli.Audit;

/// <summary>
/// <c>gatekeeper archive-audit</c>: archives entries older than the retention setting (or <c>--older-than-days</c>)
/// to files in the data folder's archive folder, removing them from the live table without breaking
/// verifiability. The same work the web app's background service does.
/// </summary>
internal static class ArchiveAuditCommand
{
    public static Command Create()
    {
        var store = new StoreArguments();
        var days = new Option<int?>("--older-than-days") { Description = "Archive entries older than this many days (default: Gatekeeper:Audit:Retention:ArchiveAfterDays)." };
        days.Validators.Add(r =>
        {
            if (r.GetValueOrDefault<int?>() is < 1 or > 36_500) r.AddError("--older-than-days must be 1-36500.");
        });
        var command = new Command("archive-audit", "Archive old audit entries to files (JSON Lines with checkpoints, and a manifest of SHA-256s), keeping the chain verifiable.")
        {
            days,
        };
        store.AddTo(command);
        command.SetAction(async (parse, cancellationToken) =>
        {
            var output = parse.InvocationConfiguration.Output;
            var error = parse.InvocationConfiguration.Error;
            var overrides = parse.GetValue(days) is { } d
                ? new Dictionary<string, string?> { [$"{AuditRetentionOptions.Section}:ArchiveAfterDays"] = d.ToString(CultureInfo.InvariantCulture) }
                : null;
            await using var session = store.Open(parse, overrides);
            if (session.CheckSettings() is { } settings)
            {
                await error.WriteLineAsync(settings);
                return ExitCodes.BadInput;
            }

            if (session.Get<IOptions<AuditRetentionOptions>>().Value.ArchiveAfterDays is null)
            {
                await error.WriteLineAsync($"Retention is off: pass --older-than-days N or set {AuditRetentionOptions.Section}:ArchiveAfterDays.");
                return ExitCodes.BadInput;
            }

            Domain.Common.DomainResult<AuditArchiveRun> result;
            try
            {
                result = await session.Get<AuditArchiver>().ArchiveDueAsync(CliActor.Current, cancellationToken);
            }
            catch (Exception ex) when (StoreSession.IsStoreProblem(ex))
            {
                await error.WriteLineAsync($"Cannot archive the audit log in {session.Where}: {ex.Message}");
                return ExitCodes.Unavailable;
            }

            if (!result.Succeeded)
            {
                foreach (var e in result.Errors) await error.WriteLineAsync(e.Message);
                return ExitCodes.Refused;
            }

            var run = result.Value!;
            var c = CultureInfo.InvariantCulture;
            if (run.Files.Count == 0)
            {
                await output.WriteLineAsync(string.Create(c, $"Nothing to archive: no signed checkpoint older than {run.Cutoff:u} after the last archive."));
                return ExitCodes.Ok;
            }

            await output.WriteLineAsync(string.Create(c, $"Archived {run.Entries:N0} entries older than {run.Cutoff:u} to {run.Folder}:"));
            foreach (var f in run.Files)
                await output.WriteLineAsync(string.Create(c, $"  {f.File}: #{f.FirstSequence}-#{f.LastSequence}, {f.Entries:N0} entries, {f.Checkpoints:N0} checkpoints, sha256 {f.Sha256}"));
            await output.WriteLineAsync("  manifest.json updated; 'gatekeeper verify-audit' checks the archives and the live table as one chain.");
            return ExitCodes.Ok;
        });
        return command;
    }
}
