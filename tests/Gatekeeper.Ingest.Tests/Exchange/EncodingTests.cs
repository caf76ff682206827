using System.Text;
using Gatekeeper.Ingest.Exchange;
using Gatekeeper.Ingest.Importing;
using Gatekeeper.Ingest.Storage;

namespace Gatekeeper.Ingest.Tests.Exchange;

public sealed class EncodingTests : IDisposable
{
    private readonly IngestHarness _harness = new();

    [Fact]
    public async Task Shift_JIS_is_detected_and_Japanese_text_arrives_intact()
    {
        var csv = Rows.Csv(ExchangeFormat.Weight, Rows.Weight, Rows.With(), Rows.With(("participant_id", "DPP0000002"), ("device", "タニタ 体組成計 BC-768"))).Replace("\n", "\r\n", StringComparison.Ordinal);
        var path = _harness.Write("weight-sjis.csv", csv, TextEncodings.ShiftJis);
        Assert.Throws<DecoderFallbackException>(() => new UTF8Encoding(false, true).GetString(File.ReadAllBytes(path)));

        var result = await _harness.Importer.ImportAsync("dpp", path);

        Assert.Equal(ImportOutcome.Committed, result.Outcome);
        Assert.Equal("shift_jis", result.Record.Encoding);
        var devices = _harness.Query("SELECT device FROM {weight} ORDER BY device").Select(r => (string)r[0]!).ToList();
        Assert.Equal(["オムロン HBF-228T", "タニタ 体組成計 BC-768"], devices);
    }

    [Fact]
    public async Task Shift_JIS_can_be_named_explicitly_and_UTF8_with_BOM_is_read()
    {
        var sjis = _harness.Write("w1.csv", Rows.Csv(ExchangeFormat.Weight, Rows.Weight, Rows.With()), TextEncodings.ShiftJis);
        var explicitResult = await _harness.Importer.ImportAsync("dpp", sjis, new IngestOptions { Encoding = InputEncoding.ShiftJis });
        Assert.Equal("shift_jis", explicitResult.Record.Encoding);

        var bom = _harness.Write("w2.csv", Rows.Csv(ExchangeFormat.Weight, Rows.Weight, Rows.With(("participant_id", "DPP0000009"))), new UTF8Encoding(true));
        var bomResult = await _harness.Importer.ImportAsync("dpp", bom);
        Assert.Equal(ImportOutcome.Committed, bomResult.Outcome);
        Assert.Equal("utf-8", bomResult.Record.Encoding);
        Assert.Equal(2, _harness.Count("weight"));
    }

    [Fact]
    public async Task UTF8_read_as_Shift_JIS_shows_up_as_encoding_errors_not_as_garbage()
    {
        var path = _harness.Write("weight.csv", Rows.Csv(ExchangeFormat.Weight, Rows.Weight, Rows.With(("device", "\u00e9\u00e8"))), new UTF8Encoding(false));
        // é è in UTF-8 are C3 A9 C3 A8: in Shift_JIS C3/A9/A8 are half-width katakana, so this decodes to other text —
        // which is why auto-detection prefers UTF-8 whenever the bytes are valid UTF-8.
        Assert.Equal(InputEncoding.Utf8, await TextEncodings.DetectAsync(path, CancellationToken.None));
        // 0x81 starts a two-byte Shift_JIS character; 0x7F can never be its second byte.
        var bytes = Encoding.ASCII.GetBytes("consortium_id,participant_id,observation_time,weight,device,update_time\r\nC01,DPP1,20250401071500,70.0,X,20250402060000000\r\n");
        bytes[Array.IndexOf(bytes, (byte)'X')] = 0x81;
        var invalid = Path.Combine(_harness.Root, "in", "bad.csv");
        File.WriteAllBytes(invalid, [.. bytes.Take(Array.IndexOf(bytes, (byte)0x81) + 1), 0x7F, .. bytes.Skip(Array.IndexOf(bytes, (byte)0x81) + 1)]);
        var result = await _harness.Importer.ImportAsync("dpp", invalid, new IngestOptions { MaxErrorRate = 1 });
        Assert.Equal("shift_jis", result.Record.Encoding);
        Assert.Equal(1, result.Record.RejectedRows);
        Assert.Equal("encoding", result.Report!.Sample.Single().Rule);
    }

    [Theory]
    [InlineData("a,b,c", new[] { "a", "b", "c" })]
    [InlineData(" a , b ,c ", new[] { "a", "b", "c" })]
    [InlineData("a,,c", new[] { "a", "", "c" })]
    [InlineData("\"a,b\",\"say \"\"hi\"\"\",c", new[] { "a,b", "say \"hi\"", "c" })]
    [InlineData("\"\",x,", new[] { "", "x", "" })]
    public void CSV_lines_split_into_trimmed_unquoted_fields(string line, string[] expected)
    {
        var bytes = Encoding.UTF8.GetBytes(line);
        var starts = new int[3];
        var lengths = new int[3];
        var count = CsvSplitter.Split(bytes, starts, lengths, new byte[256], out var data);
        var copy = data.ToArray();
        Assert.Equal(expected.Length, count);
        Assert.Equal(expected, Enumerable.Range(0, count).Select(i => Encoding.UTF8.GetString(copy, starts[i], lengths[i])).ToArray());
    }

    [Theory]
    [InlineData("\"open,b,c")]
    [InlineData("\"a\"x,b,c")]
    [InlineData("a\"b,c,d")]
    public void Malformed_quoting_is_detected(string line)
    {
        Assert.Equal(CsvSplitter.Malformed, CsvSplitter.Split(Encoding.UTF8.GetBytes(line), new int[3], new int[3], new byte[256], out _));
    }

    [Fact]
    public void Too_many_fields_are_reported_as_more_than_the_capacity()
    {
        Assert.Equal(4, CsvSplitter.Split("a,b,c,d"u8, new int[3], new int[3], new byte[64], out _));
    }

    public void Dispose() => _harness.Dispose();
}
