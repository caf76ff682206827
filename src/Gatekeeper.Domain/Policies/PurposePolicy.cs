namespace Gatekeeper.Domain.Policies;

/// <summary>
/// The purpose policy (<c>policies/purposes.yaml</c>): permitted categories, prohibited uses and
/// application limits. <see cref="Sha256"/> identifies the exact version applied to a decision.
/// </summary>
public sealed record PurposePolicy
{
    public required string Version { get; init; }

    public required string Sha256 { get; init; }

    public required IReadOnlyList<PurposeCategory> Purposes { get; init; }

    public required IReadOnlyList<ProhibitedUse> ProhibitedUses { get; init; }

    /// <summary>Longest access period an application may ask for, in months.</summary>
    public int MaxPeriodMonths { get; init; } = 60;

    public PurposeCategory? FindPurpose(string? code) =>
        code is null ? null : Purposes.FirstOrDefault(p => p.Code == code);

    /// <summary>Finds the first prohibited use whose phrase appears in <paramref name="text"/>.</summary>
    public (ProhibitedUse Use, string Phrase)? Screen(string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        var normalised = text.Normalize(System.Text.NormalizationForm.FormKC);
        foreach (var use in ProhibitedUses)
        {
            foreach (var phrase in use.Phrases)
            {
                if (normalised.Contains(phrase.Normalize(System.Text.NormalizationForm.FormKC), StringComparison.OrdinalIgnoreCase))
                    return (use, phrase);
            }
        }

        return null;
    }
}
