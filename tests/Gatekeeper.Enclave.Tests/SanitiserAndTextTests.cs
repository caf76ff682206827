using Gatekeeper.VisitingEnvironment.Queries;
using Gatekeeper.VisitingEnvironment.Shadow;
using Gatekeeper.VisitingEnvironment.Worker;

namespace Gatekeeper.Enclave.Tests;

public sealed class SanitiserAndTextTests
{
    [Fact]
    public void Data_values_in_duckdb_messages_are_masked_but_the_querys_own_text_stays()
    {
        const string query = "SELECT CAST(model_number AS INTEGER) FROM activity WHERE model_number <> 'HealthKit'";
        var message = ErrorSanitiser.Sanitise("Conversion Error: Could not convert string 'DPP0000042' to INT32 when casting from source column model_number near 'HealthKit' (row 1234)", query);
        Assert.DoesNotContain("DPP0000042", message, StringComparison.Ordinal);
        Assert.DoesNotContain("1234", message, StringComparison.Ordinal);
        Assert.Contains("'HealthKit'", message, StringComparison.Ordinal);
        Assert.Contains("INT32", message, StringComparison.Ordinal);
        Assert.Contains("model_number", message, StringComparison.Ordinal);
    }

    [Fact]
    public void Binder_messages_keep_their_names()
    {
        var message = ErrorSanitiser.Sanitise("Binder Error: Referenced column \"stepz\" not found in FROM clause! Candidate bindings: \"step\"", "SELECT stepz FROM activity");
        Assert.Equal("Binder Error: Referenced column \"stepz\" not found in FROM clause! Candidate bindings: \"step\"", message);
    }

    [Fact]
    public void Statements_are_split_outside_quotes_comments_and_dollar_quotes()
    {
        var statements = SqlText.Statements("SELECT ';' AS a; -- x; y\n SELECT $$;$$ /* ; */ ;; COPY t TO 'f;g'");
        Assert.Equal(3, statements.Count);
        Assert.Equal(["SELECT", "SELECT", "COPY"], statements.Select(SqlText.LeadingKeyword));
        Assert.Equal("SET", SqlText.LeadingKeyword("/* c */ -- d\n (set x = 1)"));
    }

    [Fact]
    public void Cell_keys_read_the_same_way_have_the_same_text()
    {
        Assert.True(CellKeyText.TryFormat(new DateTime(2025, 4, 1), out var month));
        Assert.Equal("2025-04-01 00:00:00", month);
        Assert.True(CellKeyText.TryFormat(0.1 + 0.2, out var sum));
        Assert.Equal("0.30000000000000004", sum);
        Assert.True(CellKeyText.TryFormat(null, out var missing));
        Assert.Null(missing);
        Assert.False(CellKeyText.TryFormat(new List<int> { 1 }, out _));
    }
}
