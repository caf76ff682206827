namespace Gatekeeper.Identity;

/// <summary>Marker for the sign-in pages' strings in <c>Resources/IdentityResource.resx</c> (English) and <c>.ja.resx</c> (Japanese).</summary>
public sealed class IdentityResource;
