namespace Gatekeeper.Disclosure.Privacy.Planning;

/// <summary>One released group: its key, its statistics, and (under partition selection) its noisy count of persons.</summary>
public sealed record DpResultRow(IReadOnlyList<string?> Key, IReadOnlyList<DpCell> Cells, double? NoisyPersons);
