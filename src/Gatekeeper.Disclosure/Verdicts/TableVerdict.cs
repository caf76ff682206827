using Gatekeeper.Disclosure.Policies;
using Gatekeeper.Disclosure.Tables;

namespace Gatekeeper.Disclosure.Verdicts;

/// <summary>
/// The automated verdict on a table output: overall status, the policy reference (id + SHA-256), per
/// cell the failed and review rule codes, every <see cref="Finding"/> with its deciding numbers, and
/// output-level messages. Per-cell rule sets are bit masks over <see cref="RuleCode"/>, so a million
/// passing cells cost two bytes each and no objects.
/// </summary>
public sealed class TableVerdict
{
    private static readonly string[][] CodeLists = BuildCodeLists();
    private readonly byte[] _failed;
    private readonly byte[] _review;
    private readonly Finding[] _findings;

    internal TableVerdict(TableOutput table, PolicyReference policy, byte[] failed, byte[] review, Finding[] findings, IReadOnlyList<string> messages)
    {
        Table = table;
        Policy = policy;
        _failed = failed;
        _review = review;
        _findings = findings;
        Messages = messages;
        var status = CheckStatus.Pass;
        for (var i = 0; i < failed.Length; i++)
        {
            if (failed[i] != 0)
            {
                status = CheckStatus.Fail;
                break;
            }

            if (review[i] != 0) status = CheckStatus.Review;
        }

        foreach (var f in findings)
        {
            if (f.Cell < 0) status = CheckStatusText.Worst(status, f.Outcome);
        }

        Status = status;
    }

    public TableOutput Table { get; }

    public PolicyReference Policy { get; }

    /// <summary>Fail if any cell fails, else review if any cell needs review, else pass.</summary>
    public CheckStatus Status { get; }

    /// <summary>Every finding, ordered by cell (within a cell, in the order the rules ran).</summary>
    public IReadOnlyList<Finding> Findings => _findings;

    /// <summary>Output-level messages: a summary and anything that is not about one cell.</summary>
    public IReadOnlyList<string> Messages { get; }

    public int CellCount => _failed.Length;

    public CheckStatus CellStatus(int cell) =>
        _failed[cell] != 0 ? CheckStatus.Fail : _review[cell] != 0 ? CheckStatus.Review : CheckStatus.Pass;

    /// <summary>The rule codes a cell failed, in contract order (no allocation).</summary>
    public IReadOnlyList<string> FailedRules(int cell) => CodeLists[_failed[cell]];

    /// <summary>The rule codes that sent a cell to review (and that it did not fail).</summary>
    public IReadOnlyList<string> ReviewRules(int cell) => CodeLists[_review[cell] & ~_failed[cell]];

    public bool HasFailed(int cell, RuleCode rule) => (_failed[cell] & (1 << (int)rule)) != 0;

    public bool NeedsReview(int cell, RuleCode rule) => (_review[cell] & (1 << (int)rule)) != 0;

    public int FailedCellCount => Count(_failed);

    public int ReviewCellCount
    {
        get
        {
            var n = 0;
            for (var i = 0; i < _review.Length; i++) n += _review[i] != 0 && _failed[i] == 0 ? 1 : 0;
            return n;
        }
    }

    /// <summary>The findings about one cell.</summary>
    public IEnumerable<Finding> FindingsFor(int cell)
    {
        var lo = 0;
        var hi = _findings.Length;
        while (lo < hi)
        {
            var mid = (lo + hi) >>> 1;
            if (_findings[mid].Cell < cell) lo = mid + 1;
            else hi = mid;
        }

        for (var i = lo; i < _findings.Length && _findings[i].Cell == cell; i++) yield return _findings[i];
    }

    internal byte FailedMask(int cell) => _failed[cell];

    private static int Count(byte[] masks)
    {
        var n = 0;
        foreach (var m in masks) n += m != 0 ? 1 : 0;
        return n;
    }

    private static string[][] BuildCodeLists()
    {
        var lists = new string[256][];
        for (var mask = 0; mask < 256; mask++)
        {
            var codes = new List<string>();
            for (var r = 0; r < RuleCodes.All.Count; r++)
            {
                if ((mask & (1 << r)) != 0) codes.Add(RuleCodes.All[r]);
            }

            lists[mask] = [.. codes];
        }

        return lists;
    }
}
