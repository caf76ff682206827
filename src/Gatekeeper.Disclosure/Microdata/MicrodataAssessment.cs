using Gatekeeper.Disclosure.Policies;
using Gatekeeper.Disclosure.Verdicts;

namespace Gatekeeper.Disclosure.Microdata;

/// <summary>
/// The verdict on a microdata output: status, policy reference, what was generalised and suppressed,
/// k-anonymity, l-diversity and t-closeness per sensitive attribute, re-identification risks, one
/// finding per criterion, and the anonymised table (generalised, suppressed records removed).
/// </summary>
public sealed record MicrodataAssessment
{
    public required PolicyReference Policy { get; init; }

    public required CheckStatus Status { get; init; }

    public required int RowCount { get; init; }

    public required IReadOnlyList<GeneralisationApplied> Generalisations { get; init; }

    /// <summary>The hierarchy level used per quasi-identifier.</summary>
    public required IReadOnlyDictionary<string, int> Levels { get; init; }

    public required KAnonymityReport KAnonymity { get; init; }

    /// <summary>Rows (of the input) removed because their class was smaller than k (within the suppression limit).</summary>
    public required IReadOnlyList<int> SuppressedRows { get; init; }

    public required decimal SuppressedShare { get; init; }

    public required IReadOnlyList<LDiversityResult> LDiversity { get; init; }

    public required IReadOnlyList<TClosenessResult> TCloseness { get; init; }

    public required ReidentificationRisk Risk { get; init; }

    public required IReadOnlyList<MicrodataFinding> Findings { get; init; }

    /// <summary>Notes, e.g. policy columns the output does not have.</summary>
    public required IReadOnlyList<string> Messages { get; init; }

    /// <summary>The data as it would be released: QIs generalised, suppressed records removed (built on first use).</summary>
    public MicrodataTable Anonymised => AnonymisedFactory.Value;

    internal Lazy<MicrodataTable> AnonymisedFactory { get; init; } = new(() => new MicrodataTable([]));
}
