namespace Gatekeeper.Disclosure.Policies;

/// <summary>Identifies the exact policy file a verdict was made under: its id, version and the SHA-256 of its bytes.</summary>
/// <param name="Id">The policy id from the file.</param>
/// <param name="Version">The policy version from the file.</param>
/// <param name="Sha256">Lower-case hex SHA-256 of the file bytes.</param>
/// <param name="Source">The file it was loaded from (empty for a built-in policy).</param>
public sealed record PolicyReference(string Id, string Version, string Sha256, string Source);
