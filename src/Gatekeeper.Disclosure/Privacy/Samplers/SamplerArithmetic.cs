namespace Gatekeeper.Disclosure.Privacy.Samplers;

/// <summary>Which arithmetic a distribution samples with.</summary>
public enum SamplerArithmetic
{
    /// <summary>64-bit integers while the parameters fit (with exact overflow checks), BigInteger beyond.</summary>
    Auto,

    /// <summary>
    /// BigInteger throughout: the general path that very large parameters take anyway; selectable so
    /// tests can check it against the exact distribution and benchmarks can show what the fast path saves.
    /// </summary>
    BigIntegerOnly,
}
