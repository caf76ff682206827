namespace Gatekeeper.Disclosure.Suppression;

/// <summary>
/// The result of complementary suppression: which cells are suppressed, which of them were primary,
/// which cell each complementary suppression protects, and the exact recoverability check's verdict.
/// </summary>
public sealed class SuppressionPlan
{
    private readonly bool[] _suppressed;
    private readonly bool[] _primary;
    private readonly int[] _protects;

    internal SuppressionPlan(bool[] suppressed, bool[] primary, int[] protects, IReadOnlyList<int> recoverable)
    {
        _suppressed = suppressed;
        _primary = primary;
        _protects = protects;
        RecoverableCells = recoverable;
    }

    public bool IsSuppressed(int cell) => _suppressed[cell];

    public bool IsPrimary(int cell) => _primary[cell];

    public bool IsSecondary(int cell) => _suppressed[cell] && !_primary[cell];

    /// <summary>For a complementary suppression, the suppressed cell it was chosen to protect; else -1.</summary>
    public int Protects(int cell) => _protects[cell];

    /// <summary>Suppressed cells still derivable from the published ones (empty when the plan is safe).</summary>
    public IReadOnlyList<int> RecoverableCells { get; }

    /// <summary>True when the exact check found no suppressed cell derivable by linear combination.</summary>
    public bool IsSafe => RecoverableCells.Count == 0;

    public int SuppressedCount => _suppressed.Count(s => s);

    public int SecondaryCount
    {
        get
        {
            var n = 0;
            for (var i = 0; i < _suppressed.Length; i++) n += _suppressed[i] && !_primary[i] ? 1 : 0;
            return n;
        }
    }

    /// <summary>The suppression pattern (true = suppressed), one entry per cell.</summary>
    public IReadOnlyList<bool> Suppressed => _suppressed;
}
