using Gatekeeper.Disclosure.Differencing;
using Gatekeeper.VisitingEnvironment.Queries;

namespace Gatekeeper.Enclave.Tests;

/// <summary>
/// The population an output is about, for the differencing check: simple WHERE filters become constraints (so nested
/// filters are compared), everything else of FROM/WHERE decides the universe, and the select list, grouping and text
/// positions do not.
/// </summary>
public sealed class OutputPopulationTests
{
    [Fact]
    public void Simple_filters_become_constraints_and_leave_the_universe_alone()
    {
        var a = OutputPopulation.Of("SELECT consortium_id, count(*) FROM hba1c h JOIN participants p USING (participant_id) WHERE h.hba1c >= 6.5 AND sex = 'F' GROUP BY consortium_id", "dpp", "person");
        var b = OutputPopulation.Of("SELECT   count(DISTINCT participant_id) AS n FROM hba1c h JOIN participants p USING (participant_id) WHERE h.hba1c >= 6.4", "dpp", "person");

        Assert.Equal(a.Universe, b.Universe);
        Assert.Equal((6.5m, true, (decimal?)null), (a.Filters["hba1c"].Min, a.Filters["hba1c"].MinInclusive, a.Filters["hba1c"].Max));
        Assert.Equal(["F"], a.Filters["sex"].Values);
        Assert.True(a.Filters["hba1c"].IsSubsetOf(b.Filters["hba1c"]));
        Assert.StartsWith("dpp/person/", a.Universe, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("age BETWEEN 40 AND 49", 40, true, 49, true)]
    [InlineData("age >= 40 AND age < 50", 40, true, 50, false)]
    [InlineData("50 > age AND age > 39", 39, false, 50, false)]
    [InlineData("age <= 2.5e1", null, false, 25, true)]
    public void Ranges_are_read_exactly_and_intersected(string where, int? min, bool minInclusive, int? max, bool maxInclusive)
    {
        var p = OutputPopulation.Of($"SELECT sex, count(*) FROM participants WHERE {where} GROUP BY sex", "dpp", "person");

        var c = p.Filters["age"];
        Assert.Equal(((decimal?)min, minInclusive, (decimal?)max, maxInclusive), (c.Min, c.MinInclusive, c.Max, c.MaxInclusive));
    }

    [Fact]
    public void Other_conditions_and_other_tables_give_another_universe()
    {
        var plain = OutputPopulation.Of("SELECT sex, count(*) FROM participants GROUP BY sex", "dpp", "person");
        var or = OutputPopulation.Of("SELECT sex, count(*) FROM participants WHERE age > 40 OR sex = 'F' GROUP BY sex", "dpp", "person");
        var joined = OutputPopulation.Of("SELECT sex, count(*) FROM participants JOIN hba1c USING (participant_id) GROUP BY sex", "dpp", "person");
        var sameAsPlain = OutputPopulation.Of("select age_band, count(*) as n from participants group by age_band", "dpp", "person");

        Assert.Empty(or.Filters);
        Assert.NotEqual(plain.Universe, or.Universe);
        Assert.NotEqual(plain.Universe, joined.Universe);
        Assert.Equal(plain.Universe, sameAsPlain.Universe);
        Assert.NotEqual(plain.Universe, OutputPopulation.Of("SELECT sex, count(*) FROM participants GROUP BY sex", "other", "person").Universe);
    }

    [Fact]
    public void Renamed_key_columns_map_to_their_source_variable()
    {
        var p = OutputPopulation.Of("SELECT consortium_id AS site, count(*) AS n FROM participants GROUP BY consortium_id", "dpp", "person");

        Assert.Equal("consortium_id", p.ToGroupDefinition().VariableOf("site"));
        Assert.Equal("n", p.ToGroupDefinition().VariableOf("n"));
    }
}
