namespace Gatekeeper.Disclosure.Tests.Rules;

/// <summary>A cell: per person, their rows' values in cents (null = missing).</summary>
public sealed record RawCell(IReadOnlyList<IReadOnlyList<long?>> Persons);
