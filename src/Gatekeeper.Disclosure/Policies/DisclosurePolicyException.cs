namespace Gatekeeper.Disclosure.Policies;

/// <summary>A disclosure policy file is missing or wrong; <see cref="File"/> and <see cref="Reason"/> say which and why.</summary>
public sealed class DisclosurePolicyException(string file, string reason, Exception? inner = null)
    : Exception($"{file}: {reason}", inner)
{
    public string File { get; } = file;

    public string Reason { get; } = reason;
}
