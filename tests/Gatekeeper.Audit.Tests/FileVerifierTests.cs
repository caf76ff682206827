using System.Text;
using Gatekeeper.Audit.Archive;
using Gatekeeper.Audit.Chain;
using Gatekeeper.Audit.Checkpoints;
using Gatekeeper.Audit.Export;

namespace Gatekeeper.Audit.Tests;

/// <summary>Offline, streaming verification of export and archive files, alone and as one chain of several files.</summary>
public sealed class FileVerifierTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("gatekeeper-audit-files-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public async Task Consecutive_files_verify_as_one_chain_with_a_pinned_key()
    {
        using var chain = new ChainBuilder(95, checkpointEvery: 10);
        var files = await WriteFilesAsync(chain, (1, 30), (31, 60), (61, 95));
        using var trusted = Trust(chain);

        var report = await AuditFileVerifier.VerifyAsync(files, trusted);

        Assert.True(report.Result.IsValid, report.Result.Message);
        Assert.Equal(95, report.Result.EntriesChecked);
        Assert.Equal(9, report.Result.CheckpointsChecked);
        Assert.False(report.UsedEmbeddedKeys);
        Assert.Equal(3, report.Files);
    }

    [Fact]
    public async Task A_missing_middle_file_is_found_where_the_chain_jumps()
    {
        using var chain = new ChainBuilder(95, checkpointEvery: 10);
        var files = await WriteFilesAsync(chain, (1, 30), (31, 60), (61, 95));
        using var trusted = Trust(chain);

        var report = await AuditFileVerifier.VerifyAsync([files[0], files[2]], trusted);

        Assert.False(report.Result.IsValid);
        Assert.Equal(31, report.Result.BrokenAt);
        Assert.Contains("a file is missing", report.Result.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Files_out_of_order_are_refused()
    {
        using var chain = new ChainBuilder(60, checkpointEvery: 10);
        var files = await WriteFilesAsync(chain, (1, 30), (31, 60));
        using var trusted = Trust(chain);

        var report = await AuditFileVerifier.VerifyAsync([files[1], files[0]], trusted);

        Assert.False(report.Result.IsValid);
    }

    [Fact]
    public async Task A_file_cut_short_is_found_truncated_by_its_header()
    {
        using var chain = new ChainBuilder(30, checkpointEvery: 10);
        var files = await WriteFilesAsync(chain, (1, 30));
        var lines = await File.ReadAllLinesAsync(Path.Combine(_folder, files[0].Name));
        // Drop the last three entries (after the checkpoint at #20, before the one at #30) and the checkpoint #30 line too.
        var kept = lines.Where(l => !l.Contains("\"sequence\":30,", StringComparison.Ordinal)).Take(lines.Length - 4).ToArray();
        await File.WriteAllLinesAsync(Path.Combine(_folder, files[0].Name), kept);
        using var trusted = Trust(chain);

        var report = await AuditFileVerifier.VerifyAsync(files, trusted);

        Assert.False(report.Result.IsValid);
        Assert.Contains("truncated", report.Result.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_altered_file_is_caught_by_its_recorded_sha256_even_when_the_chain_still_links()
    {
        using var chain = new ChainBuilder(20, checkpointEvery: 10);
        var files = await WriteFilesAsync(chain, (1, 20));
        var path = Path.Combine(_folder, files[0].Name);
        var sha = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(await File.ReadAllBytesAsync(path)));
        // Rewriting the header's free-text description changes no entry, only the file.
        var text = await File.ReadAllTextAsync(path);
        await File.WriteAllTextAsync(path, text.Replace("test export", "altered", StringComparison.Ordinal));
        using var trusted = Trust(chain);

        var report = await AuditFileVerifier.VerifyAsync([files[0] with { ExpectedSha256 = sha }], trusted);

        Assert.False(report.Result.IsValid);
        Assert.Contains("SHA-256", report.Result.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_edited_entry_is_found_at_its_position_in_the_right_file()
    {
        using var chain = new ChainBuilder(60, checkpointEvery: 10);
        var files = await WriteFilesAsync(chain, (1, 30), (31, 60));
        var path = Path.Combine(_folder, files[1].Name);
        var lines = await File.ReadAllLinesAsync(path);
        var index = Array.FindIndex(lines, l => l.Contains("\"sequence\":44,", StringComparison.Ordinal));
        lines[index] = lines[index].Replace("\"org-1\"", "\"org-2\"", StringComparison.Ordinal);
        await File.WriteAllLinesAsync(path, lines);
        using var trusted = Trust(chain);

        var report = await AuditFileVerifier.VerifyAsync(files, trusted);

        Assert.Equal(44, report.Result.BrokenAt);
        Assert.Equal(files[1].Name, report.Result.Location);
        Assert.Contains("edited", report.Result.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Files_with_checkpoints_after_their_entries_are_verified_in_two_passes()
    {
        using var chain = new ChainBuilder(40, checkpointEvery: 10);
        var path = Path.Combine(_folder, "old-layout.jsonl");
        var header = await WriteFilesAsync(chain, (1, 40));
        var lines = (await File.ReadAllLinesAsync(Path.Combine(_folder, header[0].Name))).ToList();
        var checkpoints = lines.Where(l => l.StartsWith("{\"type\":\"checkpoint\"", StringComparison.Ordinal)).ToList();
        var reordered = lines.Except(checkpoints).Concat(checkpoints).ToList();
        await File.WriteAllLinesAsync(path, reordered);
        using var trusted = Trust(chain);

        var report = await AuditFileVerifier.VerifyAsync([AuditFileSource.ForPath(path)], trusted);

        Assert.True(report.Result.IsValid, report.Result.Message);
        Assert.Equal(4, report.Result.CheckpointsChecked);
    }

    [Fact]
    public async Task Without_a_pinned_key_the_files_own_key_is_used_and_said_so()
    {
        using var chain = new ChainBuilder(20, checkpointEvery: 10);
        var files = await WriteFilesAsync(chain, (1, 20));

        var report = await AuditFileVerifier.VerifyAsync(files, trusted: null);

        Assert.True(report.Result.IsValid, report.Result.Message);
        Assert.True(report.UsedEmbeddedKeys);
        Assert.Equal([chain.Signer.KeyId], report.KeyIds);
    }

    [Fact]
    public async Task A_file_resigned_by_a_forger_fails_against_the_pinned_key()
    {
        using var chain = new ChainBuilder(20, checkpointEvery: 10);
        using var forger = new ChainBuilder(20, checkpointEvery: 10);
        var files = await WriteFilesAsync(forger, (1, 20));
        using var trusted = Trust(chain);

        var report = await AuditFileVerifier.VerifyAsync(files, trusted);

        Assert.False(report.Result.IsValid);
        Assert.Contains("unknown key", report.Result.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_manifest_round_trips()
    {
        var file = new AuditArchiveFile("audit-000000000001-000000000010.jsonl", new string('a', 64), 1, 10, new string('b', 64), 10, 1,
            DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch.AddDays(1), DateTimeOffset.UnixEpoch.AddDays(2));
        var path = Path.Combine(_folder, AuditArchiveManifest.FileName);
        await AuditArchiveManifest.Of([file]).WriteAsync(path);

        var read = await AuditArchiveManifest.ReadAsync(path);

        Assert.Equal(file, Assert.Single(read.Files));
        await File.WriteAllTextAsync(path, "{\"format\":\"something-else\",\"files\":[]}");
        await Assert.ThrowsAsync<FormatException>(() => AuditArchiveManifest.ReadAsync(path));
    }

    [Fact]
    public async Task A_file_that_is_not_an_export_is_refused_with_its_line()
    {
        var path = Path.Combine(_folder, "not-an-export.jsonl");
        await File.WriteAllTextAsync(path, "{\"type\":\"entry\",\"sequence\":1}\n", Encoding.UTF8);
        var error = await Assert.ThrowsAsync<FormatException>(() => AuditFileVerifier.VerifyAsync([AuditFileSource.ForPath(path)], trusted: null));
        Assert.StartsWith("line 1:", error.Message, StringComparison.Ordinal);
    }

    private static TrustedKeys Trust(ChainBuilder chain)
    {
        var keys = new TrustedKeys();
        Assert.True(keys.TryAdd(chain.Signer.KeyId, chain.Signer.PublicKey));
        return keys;
    }

    private async Task<List<AuditFileSource>> WriteFilesAsync(ChainBuilder chain, params (int First, int Last)[] ranges)
    {
        var sources = new List<AuditFileSource>();
        foreach (var (first, last) in ranges)
        {
            var anchor = first == 1 ? ChainAnchor.Beginning
                : chain.Checkpoints.FirstOrDefault(c => c.Sequence == first - 1) is { } vouch ? ChainAnchor.After(vouch)
                : new ChainAnchor(first, chain.Entries[first - 2].Hash);
            var path = Path.Combine(_folder, $"audit-{first:D6}-{last:D6}.jsonl");
            await using (var stream = File.Create(path))
            await using (var writer = new AuditExportWriter(stream))
            {
                await writer.WriteHeaderAsync(new AuditExportHeader(anchor, new Dictionary<string, string> { [chain.Signer.KeyId] = chain.Signer.PublicKey })
                {
                    LastSequence = last, Description = "test export",
                });
                foreach (var c in chain.Checkpoints.Where(c => c.Sequence >= first && c.Sequence <= last)) await writer.WriteCheckpointAsync(c);
                foreach (var e in chain.Entries.Where(e => e.Sequence >= first && e.Sequence <= last)) await writer.WriteEntryAsync(e);
                await writer.CompleteAsync();
            }

            sources.Add(AuditFileSource.ForPath(path));
        }

        return sources;
    }
}
