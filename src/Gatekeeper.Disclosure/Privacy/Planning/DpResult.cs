using System.Text.Json;

namespace Gatekeeper.Disclosure.Privacy.Planning;

/// <summary>
/// What a DP aggregate releases: the rows (public keys in their order, or the selected groups sorted by
/// key), the cost, and the mechanisms used. Serialised as JSON for the ledger's answer cache.
/// </summary>
public sealed record DpResult(IReadOnlyList<string> GroupColumns, IReadOnlyList<DpResultRow> Rows, string Cost, IReadOnlyList<string> Mechanisms)
{
    private static readonly JsonSerializerOptions Json = new() { WriteIndented = false };

    public string ToJson() => JsonSerializer.Serialize(this, Json);

    public static DpResult FromJson(string json) =>
        JsonSerializer.Deserialize<DpResult>(json, Json) ?? throw new JsonException("The cached DP answer is empty.");
}
