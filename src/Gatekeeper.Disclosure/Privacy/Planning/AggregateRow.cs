using System.Numerics;
using Gatekeeper.Disclosure.Privacy.Bounding;

namespace Gatekeeper.Disclosure.Privacy.Planning;

/// <summary>One row of the rewritten query's result: the group key and the exact aggregates by output column.</summary>
public sealed record AggregateRow(GroupKey Key, IReadOnlyDictionary<string, BigInteger> Values);
