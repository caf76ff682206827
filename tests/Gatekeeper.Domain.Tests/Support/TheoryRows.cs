namespace Gatekeeper.Domain.Tests.Support;

/// <summary>Builds theory data from sequences.</summary>
public static class TheoryRows
{
    public static TheoryData<string, string> Of(IEnumerable<(string, string)> rows)
    {
        var data = new TheoryData<string, string>();
        foreach (var (a, b) in rows) data.Add(a, b);
        return data;
    }
}
