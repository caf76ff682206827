using Gatekeeper.Disclosure.Policies;

namespace Gatekeeper.Disclosure.Tests;

/// <summary>Finds the repository's policy files and builds policies for tests.</summary>
internal static class TestPolicies
{
    private static readonly Lazy<string> Root = new(() =>
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Gatekeeper.sln"))) dir = dir.Parent;
        return dir?.FullName ?? throw new InvalidOperationException("Repository root not found.");
    });

    public static string PolicyFolder => Path.Combine(Root.Value, "policies", "disclosure");

    public static DisclosurePolicy Default => DisclosurePolicyLoader.Load(Path.Combine(PolicyFolder, "default.yaml"));

    public static DisclosurePolicy With(TablePolicy tables) => DisclosurePolicy.BuiltIn with { Tables = tables };

    public static DisclosurePolicy With(MicrodataPolicy microdata) => DisclosurePolicy.BuiltIn with { Microdata = microdata };
}
