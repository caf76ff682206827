using System.Security.Cryptography;
using System.Text;
using Gatekeeper.Ingest.Exchange;
using Gatekeeper.Ingest.Importing;
using Gatekeeper.Ingest.Storage;
using Gatekeeper.Ingest.Synthetic;

namespace Gatekeeper.Ingest.Tests.Synthetic;

public sealed class DemoDataGeneratorTests : IDisposable
{
    private readonly IngestHarness _harness = new();

    [Fact]
    public async Task The_same_seed_writes_the_same_bytes_and_another_seed_does_not()
    {
        var a = await HashesAsync(Generate("a", seed: 11));
        var b = await HashesAsync(Generate("b", seed: 11));
        var c = await HashesAsync(Generate("c", seed: 12));

        Assert.Equal(8 * 7 + 1, a.Count);
        Assert.Equal(a, b);
        Assert.NotEqual(a["C01/activity.csv"], c["C01/activity.csv"]);
    }

    [Fact]
    public async Task Proportions_and_the_intervention_effect_follow_the_programme()
    {
        var summary = await new DemoDataGenerator().GenerateAsync(new DemoDataOptions { OutputFolder = Path.Combine(_harness.Root, "p"), Participants = 4000, Days = 100, Seed = 5 });

        var mild = summary.Groups[GlycaemicGroup.MildDiabetes];
        var pre = summary.Groups[GlycaemicGroup.PreDiabetes];
        var healthy = summary.Groups[GlycaemicGroup.Healthy];
        Assert.Equal(4000, mild + pre + healthy);
        Assert.InRange((double)mild / (mild + pre), 662.0 / 1063 - 0.03, 662.0 / 1063 + 0.03);
        Assert.InRange(healthy / 4000.0, 0.17, 0.23);
        Assert.InRange(summary.Intervention / 4000.0, 0.46, 0.54);
        Assert.InRange(summary.MeanChangeIntervention, -0.61, -0.51);
        Assert.InRange(summary.MeanChangeControl, -0.21, -0.11);
        Assert.InRange(summary.Rows["activity"], 4000 * 100 * 0.95, 4000 * 100 * 1.0);
        Assert.InRange(summary.OptOuts / 4000.0, 0.01, 0.03);
    }

    [Fact]
    public async Task Baseline_HbA1c_in_the_files_matches_the_groups_and_device_bias_shows_in_steps()
    {
        var folder = Generate("g", seed: 3, participants: 600, days: 100);
        var hba1c = Directory.GetFiles(folder, "hba1c.csv", SearchOption.AllDirectories).SelectMany(f => File.ReadAllLines(f, Encoding.Latin1).Skip(1))
            .Select(l => l.Split(',')).Where(f => f[2].EndsWith("0401", StringComparison.Ordinal) || f[2].CompareTo("20250406") < 0)
            .GroupBy(f => f[1]).Select(g => double.Parse(g.OrderBy(f => f[2], StringComparer.Ordinal).First()[3], System.Globalization.CultureInfo.InvariantCulture)).ToList();
        Assert.Equal(600, hba1c.Count);
        Assert.InRange(hba1c.Count(v => v >= 6.5) / (double)hba1c.Count(v => v >= 5.6), 0.55, 0.70);

        var stepsByModel = Directory.GetFiles(folder, "activity.csv", SearchOption.AllDirectories).SelectMany(f => File.ReadLines(f).Skip(1))
            .Select(l => l.Split(',')).Where(f => f[3].Length <= 5 && f[12] == "0").GroupBy(f => f[9]).ToDictionary(g => g.Key, g => g.Average(f => int.Parse(f[3], System.Globalization.CultureInfo.InvariantCulture)));
        Assert.Equal(6, stepsByModel.Count);
    }

    [Fact]
    public async Task Some_holders_send_Shift_JIS_and_the_real_importer_takes_every_file()
    {
        var folder = Generate("i", seed: 9, participants: 120, days: 40);
        Assert.Throws<DecoderFallbackException>(() => new UTF8Encoding(false, true).GetString(File.ReadAllBytes(Path.Combine(folder, "C03", "weight.csv"))));
        Assert.True(File.ReadAllBytes(Path.Combine(folder, "C02", "participants.csv")).AsSpan().StartsWith(TextEncodings.Utf8Bom));

        // Two holders cover both encodings (and a BOM); each file is a separate, atomic import.
        var results = new List<ImportResult>();
        foreach (var file in new[] { "C02", "C03" }.SelectMany(c => Directory.GetFiles(Path.Combine(folder, c), "*.csv")).Order(StringComparer.Ordinal))
        {
            results.Add(await _harness.Importer.ImportAsync("dpp", file));
        }

        Assert.All(results, r => Assert.Equal(ImportOutcome.Committed, r.Outcome));
        Assert.Contains(results, r => r.Record.Encoding == "shift_jis");
        var expected = new[] { "C02", "C03" }.Sum(c => File.ReadAllLines(Path.Combine(folder, c, "participants.csv")).Length - 1);
        Assert.Equal(expected, _harness.Count("participants"));
        Assert.All(results.Where(r => r.Record.Table == "activity"), r => Assert.True(r.Record.ErrorRate < 0.01));
        Assert.Equal(0, Convert.ToInt64(_harness.Query("SELECT count(*) FROM {activity} a ANTI JOIN {participants} p USING (participant_id)")[0][0], System.Globalization.CultureInfo.InvariantCulture));
    }

    private string Generate(string name, ulong seed, int participants = 50, int days = 30)
    {
        var folder = Path.Combine(_harness.Root, name);
        new DemoDataGenerator().GenerateAsync(new DemoDataOptions { OutputFolder = folder, Participants = participants, Days = days, Seed = seed }).GetAwaiter().GetResult();
        return folder;
    }

    private static async Task<Dictionary<string, string>> HashesAsync(string folder)
    {
        var result = new Dictionary<string, string>();
        foreach (var file in Directory.GetFiles(folder, "*", SearchOption.AllDirectories))
        {
            result[Path.GetRelativePath(folder, file).Replace('\\', '/')] = Convert.ToHexString(SHA256.HashData(await File.ReadAllBytesAsync(file)));
        }

        return result;
    }

    public void Dispose() => _harness.Dispose();
}
