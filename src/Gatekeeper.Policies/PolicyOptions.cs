namespace Gatekeeper.Policies;

/// <summary>Configuration section <c>Gatekeeper:Policies</c>.</summary>
public sealed class PolicyOptions
{
    public const string Section = "Gatekeeper:Policies";

    /// <summary>Folder holding the versioned policy files (<c>policies/</c> of the repository by default).</summary>
    public string Folder { get; set; } = "";
}
