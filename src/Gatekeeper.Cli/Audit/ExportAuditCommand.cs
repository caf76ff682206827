using System.CommandLine;
using System.Globalization;
using Gatekeeper.Audit;
using Gatekeeper.Data.Audit;
using Gatekeeper.Data.Audit.Export;
using Microsoft.Extensions.Options;

namespace Gatekeeper.Cli.Audit;

/// <summary>
/// <c>gatekeeper export-audit --from --to --out</c>: writes a range of the live log as JSON Lines with the
/// checkpoints covering it and the public key, verifiable offline with <c>verify-audit --file</c>. The export is
/// itself recorded in the log (<c>audit.exported</c>, with the file's SHA-256) unless <c>--no-record</c>.
/// </summary>
internal static class ExportAuditCommand
{
    public static Command Create()
    {
        var store = new StoreArguments();
        var from = new Option<string?>("--from") { Description = "Start (inclusive): a date (a whole day in the console time zone, default Asia/Tokyo), a local date-time, or a timestamp with offset." };
        var to = new Option<string?>("--to") { Description = "End: a date (inclusive: up to the end of that day), a local date-time or a timestamp with offset (exclusive)." };
        var fromSequence = new Option<long?>("--from-sequence") { Description = "Start at this entry number (inclusive) instead of a time." };
        var toSequence = new Option<long?>("--to-sequence") { Description = "End at this entry number (inclusive) instead of a time." };
        var output = new Option<FileInfo>("--out") { Description = "The JSON Lines file to write (must not exist unless --force).", Required = true };
        var force = new Option<bool>("--force") { Description = "Overwrite --out if it exists." };
        var exact = new Option<bool>("--exact") { Description = "Export exactly the range, without widening it to the signed checkpoints around it (its ends are then not vouched for by a signature)." };
        var noRecord = new Option<bool>("--no-record") { Description = "Do not record the export in the log (e.g. on a read-only replica)." };
        foreach (var option in new[] { fromSequence, toSequence })
        {
            option.Validators.Add(r =>
            {
                if (r.GetValueOrDefault<long?>() is < 1) r.AddError($"{r.Option.Name} must be 1 or more.");
            });
        }

        var command = new Command("export-audit", "Export a range of the audit log as JSON Lines with its signed checkpoints, verifiable offline.")
        {
            from, to, fromSequence, toSequence, output, force, exact, noRecord,
        };
        store.AddTo(command);
        command.Validators.Add(r =>
        {
            if (r.GetValue(from) is not null && r.GetValue(fromSequence) is not null) r.AddError("Give --from or --from-sequence, not both.");
            if (r.GetValue(to) is not null && r.GetValue(toSequence) is not null) r.AddError("Give --to or --to-sequence, not both.");
        });
        command.SetAction(async (parse, cancellationToken) =>
        {
            var stdout = parse.InvocationConfiguration.Output;
            var stderr = parse.InvocationConfiguration.Error;
            await using var session = store.Open(parse);
            if (session.CheckSettings() is { } settings)
            {
                await stderr.WriteLineAsync(settings);
                return ExitCodes.BadInput;
            }

            var zone = session.Get<IOptions<AuditConsoleOptions>>().Value.ResolveTimeZone();
            DateTimeOffset? fromAt = null, toAt = null;
            if (parse.GetValue(from) is { } f)
            {
                if (!TimeArgument.TryParse(f, zone, endOfDay: false, out var v))
                {
                    await stderr.WriteLineAsync($"--from '{f}' is not a date (2026-11-01), local date-time (2026-11-01T09:00) or timestamp with offset.");
                    return ExitCodes.BadInput;
                }

                fromAt = v;
            }

            if (parse.GetValue(to) is { } t)
            {
                if (!TimeArgument.TryParse(t, zone, endOfDay: true, out var v))
                {
                    await stderr.WriteLineAsync($"--to '{t}' is not a date (2026-11-30), local date-time (2026-11-30T18:00) or timestamp with offset.");
                    return ExitCodes.BadInput;
                }

                toAt = v;
            }

            var target = parse.GetValue(output)!;
            if (target.Exists && !parse.GetValue(force))
            {
                await stderr.WriteLineAsync($"{target.FullName} exists; choose another --out or pass --force.");
                return ExitCodes.BadInput;
            }

            if (target.Directory is { Exists: false } dir)
            {
                await stderr.WriteLineAsync($"The folder {dir.FullName} does not exist.");
                return ExitCodes.BadInput;
            }

            var request = new AuditExportRequest
            {
                From = fromAt, To = toAt, FromSequence = parse.GetValue(fromSequence), ToSequence = parse.GetValue(toSequence), ExtendToCheckpoints = !parse.GetValue(exact),
            };
            var temp = Path.Combine(target.DirectoryName!, $".{target.Name}.{Guid.NewGuid():N}.tmp");
            Domain.Common.DomainResult<AuditExportSummary> result;
            try
            {
                await using (var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16, FileOptions.Asynchronous))
                    result = await session.Get<AuditStoreExporter>().ExportAsync(request, stream, cancellationToken);
                if (result.Succeeded) File.Move(temp, target.FullName, overwrite: true);
            }
            catch (Exception ex) when (StoreSession.IsStoreProblem(ex))
            {
                await stderr.WriteLineAsync($"Cannot read the audit log from {session.Where}: {ex.Message}");
                return ExitCodes.Unavailable;
            }
            finally
            {
                if (File.Exists(temp)) File.Delete(temp);
            }

            if (!result.Succeeded)
            {
                foreach (var e in result.Errors) await stderr.WriteLineAsync(e.Message);
                return ExitCodes.Refused;
            }

            var s = result.Value!;
            var c = CultureInfo.InvariantCulture;
            await stdout.WriteLineAsync(string.Create(c, $"Exported entries #{s.FirstSequence}-#{s.LastSequence} ({s.Entries:N0} entries, {s.Checkpoints:N0} signed checkpoints) to {target.FullName}"));
            if (s.FirstSequence != s.RequestedFirstSequence || s.LastSequence != s.RequestedLastSequence)
                await stdout.WriteLineAsync(string.Create(c, $"  asked for #{s.RequestedFirstSequence}-#{s.RequestedLastSequence}; widened to the signed checkpoints around it so both ends are vouched for"));
            if (!s.StartVouched) await stdout.WriteLineAsync("  note: the start is not vouched for by a signed checkpoint (--exact)");
            if (!s.EndVouched) await stdout.WriteLineAsync("  note: the last entries are not yet covered by a signed checkpoint");
            await stdout.WriteLineAsync($"  sha256 {s.Sha256}");
            var publicKey = Gatekeeper.Audit.Checkpoints.AuditKeyFile.PublicKeyPath(session.Get<AuditKeys>().KeyFilePath);
            await stdout.WriteLineAsync($"  verify offline: gatekeeper verify-audit --file {target.FullName} --public-key {publicKey}");

            if (!parse.GetValue(noRecord) && session.Get<AuditKeys>().SigningKeyExists)
            {
                var actor = CliActor.Current;
                await session.Get<AuditTrail>().RecordAsync(new AuditRecord
                {
                    At = session.Get<TimeProvider>().GetUtcNow(), ActorId = actor.Id, ActorRole = actor.Role, ClientAddress = actor.ClientAddress,
                    Action = AuditActions.AuditExported, SubjectType = AuditSubjectTypes.AuditLog, SubjectIds = [target.Name.Length <= 64 ? target.Name : target.Name[..64]],
                    Reason = $"entries #{s.FirstSequence}-#{s.LastSequence} exported",
                    Details = new Dictionary<string, string>
                    {
                        [AuditDetailKeys.FirstSequence] = s.FirstSequence.ToString(c),
                        [AuditDetailKeys.LastSequence] = s.LastSequence.ToString(c),
                        [AuditDetailKeys.Sha256] = s.Sha256,
                    },
                }, cancellationToken);
            }

            return ExitCodes.Ok;
        });
        return command;
    }
}
