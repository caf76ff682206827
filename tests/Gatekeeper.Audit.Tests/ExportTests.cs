using Gatekeeper.Audit.Chain;
using Gatekeeper.Audit.Export;

namespace Gatekeeper.Audit.Tests;

public sealed class ExportTests
{
    [Fact]
    public async Task An_export_round_trips_and_verifies_offline()
    {
        using var chain = new ChainBuilder(25, checkpointEvery: 5);
        var export = new AuditExport(ChainAnchor.Beginning, new Dictionary<string, string> { [chain.Signer.KeyId] = chain.Signer.PublicKey }, chain.Entries, chain.Checkpoints);
        using var buffer = new MemoryStream();
        await export.WriteAsync(buffer);
        buffer.Position = 0;

        var read = await AuditExport.ReadAsync(buffer);
        var result = read.Verify(new HashSet<string> { chain.Signer.KeyId });

        Assert.True(result.IsValid, result.Message);
        Assert.Equal(25, result.EntriesChecked);
        Assert.Equal(5, result.CheckpointsChecked);
        Assert.Equal(chain.Entries, read.Entries, (a, b) => a.Hash == b.Hash && a.Record.SubjectIds.SequenceEqual(b.Record.SubjectIds) && a.Record with { SubjectIds = [] } == b.Record with { SubjectIds = [] });
    }

    [Fact]
    public async Task A_range_after_an_archived_part_verifies_against_its_anchor()
    {
        using var chain = new ChainBuilder(30, checkpointEvery: 5);
        var anchor = new ChainAnchor(11, chain.Entries[9].Hash);
        var export = new AuditExport(anchor, new Dictionary<string, string> { [chain.Signer.KeyId] = chain.Signer.PublicKey }, chain.Entries.Skip(10).ToList(), chain.Checkpoints.Where(c => c.Sequence > 10).ToList());
        using var buffer = new MemoryStream();
        await export.WriteAsync(buffer);
        buffer.Position = 0;

        var result = (await AuditExport.ReadAsync(buffer)).Verify();
        Assert.True(result.IsValid, result.Message);
        Assert.Equal(20, result.EntriesChecked);
    }

    [Fact]
    public async Task An_edited_line_in_an_export_is_detected()
    {
        using var chain = new ChainBuilder(20, checkpointEvery: 5);
        var export = new AuditExport(ChainAnchor.Beginning, new Dictionary<string, string> { [chain.Signer.KeyId] = chain.Signer.PublicKey }, chain.Entries, chain.Checkpoints);
        using var buffer = new MemoryStream();
        await export.WriteAsync(buffer);
        var lines = System.Text.Encoding.UTF8.GetString(buffer.ToArray()).Split('\n');
        // Line 1 is the header, lines 2-5 the four checkpoints, then entry #1 on line 6: entry #8 is on line 13.
        Assert.Contains("\"sequence\":8,", lines[12], StringComparison.Ordinal);
        lines[12] = lines[12].Replace("user-", "admin-", StringComparison.Ordinal);

        var result = (await AuditExport.ReadAsync(new MemoryStream(System.Text.Encoding.UTF8.GetBytes(string.Join('\n', lines))))).Verify();
        Assert.False(result.IsValid);
        Assert.Equal(8, result.BrokenAt);
    }

    [Fact]
    public async Task A_key_that_is_not_trusted_does_not_vouch_for_checkpoints()
    {
        using var chain = new ChainBuilder(10, checkpointEvery: 5);
        var export = new AuditExport(ChainAnchor.Beginning, new Dictionary<string, string> { [chain.Signer.KeyId] = chain.Signer.PublicKey }, chain.Entries, chain.Checkpoints);
        var result = export.Verify(new HashSet<string> { "0123456789abcdef" });
        Assert.False(result.IsValid);
        Assert.Contains("unknown key", result.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("not json")]
    [InlineData("{\"type\":\"entry\",\"sequence\":1}")]
    public async Task A_malformed_export_is_refused_with_the_line_number(string firstLine)
    {
        var error = await Assert.ThrowsAsync<FormatException>(() => AuditExport.ReadAsync(new MemoryStream(System.Text.Encoding.UTF8.GetBytes(firstLine))));
        Assert.StartsWith("line 1:", error.Message, StringComparison.Ordinal);
    }
}
