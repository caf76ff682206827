namespace Gatekeeper.BrowserTests;

/// <summary>Browser tests share one portal and one browser, and run one after another.</summary>
[CollectionDefinition(Name)]
public sealed class PortalCollection : ICollectionFixture<PortalFixture>
{
    public const string Name = "portal";
}
