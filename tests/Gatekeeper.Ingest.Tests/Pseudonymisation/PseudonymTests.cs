using DuckDB.NET.Data;
using FsCheck;
using FsCheck.Fluent;
using Gatekeeper.Ingest.Exchange;
using Gatekeeper.Ingest.Pseudonymisation;

namespace Gatekeeper.Ingest.Tests.Pseudonymisation;

public sealed class PseudonymTests : IDisposable
{
    private readonly IngestHarness _harness = new();

    [Fact]
    public async Task Pseudonyms_are_stable_per_dataset_and_differ_across_datasets()
    {
        var a1 = await Pseudonymiser.CreateAsync(_harness.Keys, "dpp");
        var a2 = await Pseudonymiser.CreateAsync(new FileKeyProvider(_harness.Layout), "dpp");
        var b = await Pseudonymiser.CreateAsync(_harness.Keys, "other");

        Assert.Equal(a1.Person("DPP0000001"), a2.Person("DPP0000001"));
        Assert.NotEqual(a1.Person("DPP0000001"), b.Person("DPP0000001"));
        Assert.NotEqual(a1.Person("DPP0000001"), a1.Person("DPP0000002"));
        Assert.NotEqual(a1.Person("X"), a1.Device("X"));
        Assert.Matches("^[0-9a-f]{32}$", a1.Person("DPP0000001"));
    }

    [Fact]
    public async Task The_same_person_sent_by_two_holders_gets_one_pseudonym()
    {
        await _harness.ImportAsync("c01.csv", Rows.Csv(ExchangeFormat.HbA1c, Rows.HbA1c, Rows.With(("consortium_id", "C01"))));
        await _harness.ImportAsync("c02.csv", Rows.Csv(ExchangeFormat.Weight, Rows.Weight, Rows.With(("consortium_id", "C02"))));

        var linked = _harness.Query("SELECT count(*) FROM {hba1c} h JOIN {weight} w USING (participant_id)");
        Assert.Equal(1L, Convert.ToInt64(linked[0][0], System.Globalization.CultureInfo.InvariantCulture));
        Assert.DoesNotContain(_harness.Query("SELECT participant_id FROM {weight}"), r => ((string)r[0]!).Contains("DPP", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Per_permit_pseudonyms_differ_between_permits_and_need_only_the_permit_key()
    {
        var dataset = await Pseudonymiser.CreateAsync(_harness.Keys, "dpp");
        var pseudonym = dataset.Person("DPP0000001");
        var permit1 = dataset.ForPermit("permit-1");
        var permit2 = await PermitPseudonymiser.CreateAsync(_harness.Keys, "dpp", "permit-2");

        Assert.NotEqual(permit1.Derive(pseudonym), permit2.Derive(pseudonym));
        Assert.NotEqual(pseudonym, permit1.Derive(pseudonym));
        Assert.Equal(permit1.Derive(pseudonym), dataset.ForPermit("permit-1").Derive(pseudonym));
        Assert.Equal(permit1.Derive(pseudonym), PermitPseudonymiser.FromPermitKey(permit1.PermitKey).Derive(pseudonym));
    }

    [Fact]
    public async Task The_permit_function_works_inside_DuckDB()
    {
        var permit = (await Pseudonymiser.CreateAsync(_harness.Keys, "dpp")).ForPermit("permit-7");
        using var connection = new DuckDBConnection("Data Source=:memory:");
        connection.Open();
        permit.Register(connection);
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT permit_pseudonym('abc'), permit_pseudonym(NULL)";
        using var reader = command.ExecuteReader();
        reader.Read();
        Assert.Equal(permit.Derive("abc"), reader.GetString(0));
        Assert.True(reader.IsDBNull(1));
    }

    [Fact]
    public void Pseudonymisation_is_a_function_of_key_and_id_only()
    {
        var key = new byte[32];
        Prop.ForAll<NonEmptyString>(id =>
        {
            var value = id.Get.Replace("\0", "", StringComparison.Ordinal);
            return new Pseudonymiser(key).Person(value) == new Pseudonymiser(key).Person(value)
                   && new Pseudonymiser(key).Person(value) != new Pseudonymiser(key).Person(value + "x");
        }).QuickCheckThrowOnFailure();
    }

    [Fact]
    public async Task Key_files_are_32_random_bytes_readable_only_by_the_owner_and_outside_the_analysis_folder()
    {
        var key = await _harness.Keys.GetKeyAsync("dpp", KeyUse.Pseudonymisation);
        var raw = await _harness.Keys.GetKeyAsync("dpp", KeyUse.RawFileEncryption);
        var path = _harness.Keys.PathOf("dpp", KeyUse.Pseudonymisation);

        Assert.Equal(32, key.Length);
        Assert.NotEqual(key, raw);
        Assert.Equal(key, await File.ReadAllBytesAsync(path));
        Assert.False(path.StartsWith(_harness.Layout.AnalysisRoot, StringComparison.Ordinal));
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(path));
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(_harness.Layout.KeysFolder));
        }
    }

    [Fact]
    public async Task Concurrent_first_use_ends_with_one_key()
    {
        for (var round = 0; round < 25; round++)
        {
            var dataset = $"race{round}";
            var keys = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(async () => await new FileKeyProvider(_harness.Layout).GetKeyAsync(dataset, KeyUse.Pseudonymisation))));
            Assert.All(keys, k => Assert.Equal(keys[0], k));
        }
    }

    public void Dispose() => _harness.Dispose();
}
