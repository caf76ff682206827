using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using Gatekeeper.Audit.Archive;
using Gatekeeper.Audit.Chain;
using Gatekeeper.Audit.Checkpoints;
using Gatekeeper.Audit.Export;
using Gatekeeper.Data.Audit;
using Gatekeeper.Data.Audit.Search;
using Gatekeeper.Data.Audit.Verification;

namespace Gatekeeper.Cli.Audit;

/// <summary>
/// <c>gatekeeper verify-audit</c>: verifies the whole audit chain of the configured store (archive files and live
/// table as one chain) and its signed checkpoints, streaming; or, with <c>--file</c>/<c>--manifest</c>, exported or
/// archived files offline. Prints the first broken entry with its position and what is wrong. Exit 0 intact,
/// 4 broken, 2 bad input, 3 store or file unreadable.
/// </summary>
internal static class VerifyAuditCommand
{
    public static Command Create()
    {
        var store = new StoreArguments();
        var files = new Option<FileInfo[]>("--file")
        {
            Description = "Verify these export or archive files offline instead of the store (several: in chain order).",
            Arity = ArgumentArity.ZeroOrMore,
        };
        files.AcceptExistingOnly();
        var manifest = new Option<FileInfo>("--manifest") { Description = "Verify an archive folder offline through its manifest.json (every file, its SHA-256, as one chain)." };
        manifest.AcceptExistingOnly();
        var publicKeys = new Option<FileInfo[]>("--public-key")
        {
            Description = "Offline: trust only these public keys (PEM, e.g. the data folder's keys/audit-signing.pub.pem); default: the keys in --data-folder, else those the files carry.",
            Arity = ArgumentArity.ZeroOrMore,
        };
        publicKeys.AcceptExistingOnly();
        var liveOnly = new Option<bool>("--live-only") { Description = "Store: verify only the live table, from the signed checkpoint the last archive ended at (skip the archive files)." };
        var noRecord = new Option<bool>("--no-record") { Description = "Store: do not record the result in the log (e.g. on a read-only replica)." };

        var command = new Command("verify-audit", "Verify the tamper-evident audit log: every entry's hash and link, and every signed checkpoint.")
        {
            files, manifest, publicKeys, liveOnly, noRecord,
        };
        store.AddTo(command);
        command.Validators.Add(r =>
        {
            if ((r.GetValue(files)?.Length ?? 0) > 0 && r.GetValue(manifest) is not null) r.AddError("Give --file or --manifest, not both.");
        });
        command.SetAction(async (parse, cancellationToken) =>
        {
            var output = parse.InvocationConfiguration.Output;
            var error = parse.InvocationConfiguration.Error;
            var fileList = parse.GetValue(files) ?? [];
            var manifestFile = parse.GetValue(manifest);
            if (fileList.Length > 0 || manifestFile is not null)
                return await VerifyFilesAsync(parse, store, fileList, manifestFile, parse.GetValue(publicKeys) ?? [], output, error, cancellationToken);
            return await VerifyStoreAsync(parse, store, parse.GetValue(liveOnly), !parse.GetValue(noRecord), output, error, cancellationToken);
        });
        return command;
    }

    private static async Task<int> VerifyStoreAsync(ParseResult parse, StoreArguments store, bool liveOnly, bool record, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        await using var session = store.Open(parse);
        if (session.CheckSettings() is { } settings)
        {
            await error.WriteLineAsync(settings);
            return ExitCodes.BadInput;
        }

        var keys = session.Get<AuditKeys>();
        using (var trusted = keys.LoadTrusted())
        {
            if (trusted.Count == 0)
                await error.WriteLineAsync($"warning: no audit public key found ({keys.KeyFilePath} or audit-*.pub.pem beside it): signed checkpoints cannot be verified. Is {session.DataFolder} the web app's data folder?");
        }

        await output.WriteLineAsync($"Verifying the audit log in {session.Where} (data folder {session.DataFolder}) …");
        if (record && keys.SigningKeyExists)
        {
            // Entries committed but not yet linked by the web app's chainer are linked first, so the check covers them.
            try
            {
                await session.Get<AuditTrail>().LinkPendingAsync(cancellationToken);
            }
            catch (Exception ex) when (StoreSession.IsStoreProblem(ex))
            {
                await error.WriteLineAsync($"  pending entries could not be linked ({ex.Message}); they are reported as pending");
            }
        }

        AuditStoreVerification verification;
        try
        {
            verification = await session.Get<AuditStoreVerifier>().VerifyAsync(liveOnly ? AuditVerificationScope.LiveOnly : AuditVerificationScope.Everything, cancellationToken);
        }
        catch (Exception ex) when (StoreSession.IsStoreProblem(ex))
        {
            await error.WriteLineAsync($"Cannot read the audit log from {session.Where}: {ex.Message}");
            await error.WriteLineAsync("Check --provider/--connection-string/--data-folder (or --settings); the store must have been created by the web app (migrations applied).");
            return ExitCodes.Unavailable;
        }

        var r = verification.Result;
        await PrintAsync(output, r, verification.Duration);
        var c = CultureInfo.InvariantCulture;
        await output.WriteLineAsync(string.Create(c, $"  covered: {(verification.Scope == AuditVerificationScope.Everything ? $"{verification.ArchiveFiles} archive file(s) with {verification.ArchivedEntries:N0} entries, then " : "from the last archive's signed checkpoint, ")}{verification.LiveEntries:N0} live entries; trusted keys: {(verification.KeyIds.Count == 0 ? "none" : string.Join(", ", verification.KeyIds))}"));
        if (verification.PendingEntries > 0)
            await output.WriteLineAsync(string.Create(c, $"  pending: {verification.PendingEntries:N0} recorded entries not yet linked into the chain (not checked; not an error)"));
        if (!r.IsValid && r.BrokenAt is { } at)
        {
            if (r.Location == AuditStoreVerifier.LiveTable)
            {
                var entry = await session.Get<AuditLogSearch>().GetAtPositionAsync(at, cancellationToken);
                await output.WriteLineAsync(entry is null
                    ? string.Create(c, $"  entry #{at} is not in the live table")
                    : string.Create(c, $"  entry #{at} (entry number {entry.Sequence}): {entry.At:u} {entry.ActorId} {entry.Action} [{string.Join(", ", entry.SubjectIds)}] {entry.Outcome}{(entry.Reason is null ? "" : $" ({entry.Reason})")}"));
            }
        }

        if (record)
        {
            if (!keys.SigningKeyExists)
            {
                await output.WriteLineAsync("  (not recorded in the log: no signing key in this data folder)");
            }
            else
            {
                try
                {
                    var entry = await session.Get<AuditVerificationService>().RecordAsync(verification, CliActor.Current, cancellationToken);
                    await output.WriteLineAsync(string.Create(c, $"  recorded as entry #{entry.Sequence} (audit.verified)"));
                }
                catch (Exception ex) when (StoreSession.IsStoreProblem(ex))
                {
                    await error.WriteLineAsync($"  the result could not be recorded in the log ({ex.Message}); use --no-record on a read-only store");
                }
            }
        }

        return r.IsValid ? ExitCodes.Ok : ExitCodes.ChainBroken;
    }

    private static async Task<int> VerifyFilesAsync(ParseResult parse, StoreArguments store, FileInfo[] files, FileInfo? manifestFile, FileInfo[] publicKeys, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        List<AuditFileSource> sources;
        if (manifestFile is not null)
        {
            AuditArchiveManifest manifest;
            try
            {
                manifest = await AuditArchiveManifest.ReadAsync(manifestFile.FullName, cancellationToken);
            }
            catch (FormatException ex)
            {
                await error.WriteLineAsync(ex.Message);
                return ExitCodes.BadInput;
            }

            if (manifest.Files.Count == 0)
            {
                await error.WriteLineAsync($"{manifestFile.FullName} lists no archive files.");
                return ExitCodes.BadInput;
            }

            var folder = manifestFile.DirectoryName!;
            sources = [.. manifest.Files.Select(f => AuditFileSource.ForPath(Path.Combine(folder, f.File)) with
            {
                ExpectedSha256 = f.Sha256, ExpectedFirstSequence = f.FirstSequence, ExpectedLastSequence = f.LastSequence,
            })];
            var missing = manifest.Files.Where(f => !File.Exists(Path.Combine(folder, f.File))).ToList();
            if (missing.Count > 0)
            {
                await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"AUDIT CHAIN BROKEN at entry #{missing[0].FirstSequence}: archive file {missing[0].File} listed in the manifest is missing from {folder}"));
                return ExitCodes.ChainBroken;
            }
        }
        else
        {
            sources = [.. files.Select(f => AuditFileSource.ForPath(f.FullName))];
        }

        foreach (var source in sources)
        {
            try
            {
                using var reader = await AuditExportReader.OpenAsync(source.Open(), cancellationToken);
            }
            catch (FormatException ex)
            {
                await error.WriteLineAsync($"{source.Name} is not an audit export: {ex.Message}");
                return ExitCodes.BadInput;
            }
        }

        using var trusted = await TrustedKeysAsync(parse, store, publicKeys, error);
        if (trusted is { Count: 0 })
        {
            await error.WriteLineAsync("No public key to trust: pass --public-key FILE.pem or the web app's --data-folder.");
            return ExitCodes.BadInput;
        }

        var clock = Stopwatch.StartNew();
        FileVerificationReport report;
        try
        {
            report = await AuditFileVerifier.VerifyAsync(sources, trusted, cancellationToken);
        }
        catch (FormatException ex)
        {
            await output.WriteLineAsync($"AUDIT CHAIN BROKEN: a file cannot be read as an export ({ex.Message})");
            return ExitCodes.ChainBroken;
        }

        await PrintAsync(output, report.Result, clock.Elapsed);
        await output.WriteLineAsync($"  files: {string.Join(", ", sources.Select(s => s.Name))}");
        if (report.UsedEmbeddedKeys)
            await output.WriteLineAsync($"  note: checkpoints were checked with the key(s) the files carry ({string.Join(", ", report.KeyIds)}); this rules out accidents, not a forger. Pin the gatekeeper's published key with --public-key.");
        else
            await output.WriteLineAsync($"  trusted keys: {string.Join(", ", report.KeyIds)}");
        if (!report.Result.IsValid && report.Result.BrokenAt is { } at && await FindAsync(sources, at, cancellationToken) is { } entry)
            await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"  entry #{entry.Sequence}: {entry.Record.At:u} {entry.Record.ActorId} {entry.Record.Action} [{string.Join(", ", entry.Record.SubjectIds)}] {entry.Record.Outcome}"));
        return report.Result.IsValid ? ExitCodes.Ok : ExitCodes.ChainBroken;
    }

    /// <summary>The keys to trust offline: --public-key files, else the given data folder's keys, else null (the files' own keys).</summary>
    private static async Task<TrustedKeys?> TrustedKeysAsync(ParseResult parse, StoreArguments store, FileInfo[] publicKeys, TextWriter error)
    {
        if (publicKeys.Length > 0)
        {
            var keys = new TrustedKeys();
            foreach (var file in publicKeys)
            {
                try
                {
                    keys.AddPemFile(file.FullName);
                }
                catch (Exception ex) when (ex is ArgumentException or System.Security.Cryptography.CryptographicException)
                {
                    await error.WriteLineAsync($"{file.Name} is not a PEM public key: {ex.Message}");
                    keys.Dispose();
                    return new TrustedKeys();
                }
            }

            return keys;
        }

        if (store.DataFolderGiven(parse))
        {
            await using var session = store.Open(parse);
            return session.Get<AuditKeys>().LoadTrusted();
        }

        return null;
    }

    private static async Task<ChainedEntry?> FindAsync(IReadOnlyList<AuditFileSource> sources, long sequence, CancellationToken cancellationToken)
    {
        foreach (var source in sources)
        {
            try
            {
                using var reader = await AuditExportReader.OpenAsync(source.Open(), cancellationToken);
                while (await reader.ReadAsync(cancellationToken) is { } item)
                {
                    if (item.Entry?.Sequence == sequence) return item.Entry;
                }
            }
            catch (FormatException)
            {
                return null;
            }
        }

        return null;
    }

    private static async Task PrintAsync(TextWriter output, VerificationResult r, TimeSpan elapsed)
    {
        var c = CultureInfo.InvariantCulture;
        await output.WriteLineAsync(r.IsValid ? $"AUDIT CHAIN INTACT. {r.Message}" : $"AUDIT CHAIN BROKEN. {r.Message}");
        var rate = elapsed.TotalSeconds > 0 ? r.EntriesChecked / elapsed.TotalSeconds : 0;
        await output.WriteLineAsync(string.Create(c, $"  {r.EntriesChecked:N0} entries and {r.CheckpointsChecked:N0} signed checkpoints checked in {elapsed.TotalSeconds:0.00} s ({rate:N0} entries/s)"));
    }
}
