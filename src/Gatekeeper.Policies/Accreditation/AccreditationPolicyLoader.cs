using Gatekeeper.Domain.Accreditation;
using Gatekeeper.Domain.Policies;

namespace Gatekeeper.Policies.Accreditation;

/// <summary>Reads <c>accreditation.yaml</c>: accreditation kinds and what each activity requires.</summary>
public static class AccreditationPolicyLoader
{
    public const string FileName = "accreditation.yaml";

    public static AccreditationPolicy Load(string path)
    {
        var (file, sha256) = YamlPolicyFile.Read<PolicyFile>(path, "Accreditation policy");
        var kinds = new Dictionary<string, LocalisedText>();
        foreach (var (code, text) in file.Kinds)
        {
            if (string.IsNullOrWhiteSpace(text.En) || string.IsNullOrWhiteSpace(text.Ja))
                throw new PolicyLoadException($"{path}: kind '{code}' needs both 'en' and 'ja'.");
            kinds[code] = new LocalisedText(text.En, text.Ja);
        }

        var requirements = new Dictionary<AccreditedActivity, IReadOnlyList<string>>();
        foreach (var (activity, required) in file.Requirements)
        {
            if (!Enum.TryParse<AccreditedActivity>(activity.Replace("_", "", StringComparison.Ordinal), ignoreCase: true, out var parsed))
                throw new PolicyLoadException($"{path}: unknown activity '{activity}' (use submit_application, run_query or download_release).");
            var unknown = required.FirstOrDefault(k => !kinds.ContainsKey(k));
            if (unknown is not null) throw new PolicyLoadException($"{path}: activity '{activity}' requires unknown kind '{unknown}'.");
            requirements[parsed] = required;
        }

        return new AccreditationPolicy { Sha256 = sha256, Kinds = kinds, Requirements = requirements };
    }

    private sealed class PolicyFile
    {
        public string? Version { get; set; }

        public Dictionary<string, TextFile> Kinds { get; set; } = [];

        public Dictionary<string, List<string>> Requirements { get; set; } = [];
    }

    private sealed class TextFile
    {
        public string? En { get; set; }

        public string? Ja { get; set; }
    }
}
