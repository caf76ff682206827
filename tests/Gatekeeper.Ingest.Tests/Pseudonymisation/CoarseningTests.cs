using Gatekeeper.Ingest.Exchange;
using Gatekeeper.Ingest.Pseudonymisation;

namespace Gatekeeper.Ingest.Tests.Pseudonymisation;

public sealed class CoarseningTests
{
    private static readonly CoarseningPolicy Bands = CoarseningPolicy.Default with { ReferenceDate = new DateOnly(2026, 4, 1) };

    [Theory]
    [InlineData(1968, 7, "55-59")]
    [InlineData(1971, 4, "55-59")]
    [InlineData(1971, 5, "50-54")]
    [InlineData(2026, 4, "0-4")]
    [InlineData(1941, 4, "85+")]
    [InlineData(1941, 5, "80-84")]
    public void Birth_year_month_becomes_a_five_year_age_band_at_the_reference_date(int year, int month, string band)
    {
        Assert.Equal(band, Bands.CoarsenBirth(year, month));
    }

    [Fact]
    public void A_birth_after_the_reference_date_has_no_band_and_birth_year_mode_keeps_the_year()
    {
        Assert.Null(Bands.CoarsenBirth(2026, 5));
        Assert.Equal("1968", (Bands with { Birth = BirthCoarsening.BirthYear }).CoarsenBirth(1968, 7));
    }

    [Fact]
    public void Residence_becomes_the_prefecture_or_is_removed()
    {
        Assert.Equal("01", Bands.CoarsenResidence(1));
        Assert.Null((Bands with { Residence = ResidenceCoarsening.Remove }).CoarsenResidence(13));
    }

    [Fact]
    public void The_shipped_policy_loads_with_its_hash()
    {
        var policy = IngestHarness.Coarsening;
        Assert.Equal(BirthCoarsening.AgeBand, policy.Birth);
        Assert.Equal(5, policy.AgeBandYears);
        Assert.Equal(ResidenceCoarsening.Prefecture, policy.Residence);
        Assert.Matches("^[0-9a-f]{64}$", policy.Sha256);
    }

    [Fact]
    public void A_bad_policy_names_the_setting()
    {
        var path = Path.GetTempFileName();
        try
        {
            File.WriteAllText(path, "version: x\nbirth_year_month:\n  mode: decade\n  reference_date: \"2026-04-01\"\nresidence:\n  level: prefecture\n");
            var error = Assert.Throws<InvalidDataException>(() => CoarseningPolicyLoader.Load(path));
            Assert.Contains("birth_year_month.mode", error.Message, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public async Task Imported_participants_hold_only_coarsened_quasi_identifiers()
    {
        using var harness = new IngestHarness();
        await harness.ImportAsync("participants.csv", Rows.Csv(ExchangeFormat.Participants, Rows.Participants, Rows.With(), Rows.With(("participant_id", "DPP2"), ("residence", "27"), ("birth_year_month", "199012"))));

        var rows = harness.Query("SELECT birth_year_month, residence, sex, intervention_group, CAST(start_date AS VARCHAR), CAST(end_date AS VARCHAR) FROM {participants} ORDER BY birth_year_month").Select(r => string.Join('|', r)).ToList();
        Assert.Equal(["35-39|27|1|1|2025-04-01|2026-03-31", "55-59|13|1|1|2025-04-01|2026-03-31"], rows);
    }
}
