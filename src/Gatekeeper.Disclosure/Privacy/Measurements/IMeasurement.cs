using Gatekeeper.Disclosure.Privacy.Accounting;

namespace Gatekeeper.Disclosure.Privacy.Measurements;

/// <summary>A statistic released with DP: what it costs is known before any data is read.</summary>
public interface IMeasurement
{
    string Name { get; }

    /// <summary>The exact privacy loss of one release (composed over its noisy parts).</summary>
    PrivacyLoss Loss { get; }

    /// <summary>The mechanisms used, for the researcher and the audit log.</summary>
    IReadOnlyList<string> Mechanisms { get; }
}
