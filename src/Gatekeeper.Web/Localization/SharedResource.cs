namespace Gatekeeper.Web.Localization;

/// <summary>Marker for the shared UI strings in <c>Resources/SharedResource.resx</c> (English) and <c>.ja.resx</c> (Japanese).</summary>
public sealed class SharedResource;
