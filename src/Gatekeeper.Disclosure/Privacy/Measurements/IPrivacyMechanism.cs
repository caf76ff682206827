using Gatekeeper.Disclosure.Privacy.Accounting;

namespace Gatekeeper.Disclosure.Privacy.Measurements;

/// <summary>
/// A mechanism with its privacy map, OpenDP-style: given how far one person can move the input (the
/// sensitivity), the exact privacy loss of one release. This is the seam where an OpenDP binding could
/// replace the native mechanisms later.
/// </summary>
public interface IPrivacyMechanism
{
    /// <summary>For the researcher and the audit log, e.g. "discrete Laplace (scale 20)".</summary>
    string Description { get; }

    /// <summary>The measure the privacy map answers in.</summary>
    PrivacyMeasure Measure { get; }

    /// <summary>The exact privacy loss for the given sensitivity (never rounded down).</summary>
    PrivacyLoss PrivacyMap(Sensitivity sensitivity);
}
