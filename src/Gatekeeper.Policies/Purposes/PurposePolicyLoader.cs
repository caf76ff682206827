using Gatekeeper.Domain.Policies;

namespace Gatekeeper.Policies.Purposes;

/// <summary>Reads <c>purposes.yaml</c>: permitted purpose categories and prohibited uses. The file's SHA-256 identifies the version.</summary>
public static class PurposePolicyLoader
{
    public const string FileName = "purposes.yaml";

    public static PurposePolicy Load(string path)
    {
        var (file, sha256) = YamlPolicyFile.Read<PurposePolicyFile>(path, "Purpose policy");
        return Map(file, path, sha256);
    }

    private static PurposePolicy Map(PurposePolicyFile f, string path, string sha256)
    {
        if (string.IsNullOrWhiteSpace(f.Version)) throw new PolicyLoadException($"{path}: 'version' is required.");
        if (f.Purposes.Count == 0) throw new PolicyLoadException($"{path}: at least one purpose is required.");
        var duplicate = f.Purposes.GroupBy(p => p.Code).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null) throw new PolicyLoadException($"{path}: purpose code '{duplicate.Key}' appears twice.");
        var duplicateUse = f.ProhibitedUses.GroupBy(u => u.Code).FirstOrDefault(g => g.Count() > 1);
        if (duplicateUse is not null) throw new PolicyLoadException($"{path}: prohibited use code '{duplicateUse.Key}' appears twice.");

        return new PurposePolicy
        {
            Version = f.Version,
            Sha256 = sha256,
            MaxPeriodMonths = f.MaxPeriodMonths,
            Purposes = f.Purposes.Select(p => new PurposeCategory
            {
                Code = Required(p.Code, path, "purposes[].code"),
                Name = Text(p.Name, path, $"purposes[{p.Code}].name"),
                Description = Text(p.Description, path, $"purposes[{p.Code}].description"),
                ProtocolRequired = p.ProtocolRequired,
                Commercial = p.Commercial,
            }).ToList(),
            ProhibitedUses = f.ProhibitedUses.Select(u => new ProhibitedUse
            {
                Code = Required(u.Code, path, "prohibited_uses[].code"),
                Name = Text(u.Name, path, $"prohibited_uses[{u.Code}].name"),
                Phrases = u.Phrases.Where(s => !string.IsNullOrWhiteSpace(s)).ToList(),
            }).ToList(),
        };
    }

    private static string Required(string? value, string path, string field) =>
        string.IsNullOrWhiteSpace(value) ? throw new PolicyLoadException($"{path}: '{field}' is required.") : value;

    private static LocalisedText Text(TextFile? t, string path, string field) =>
        t is null || string.IsNullOrWhiteSpace(t.En) || string.IsNullOrWhiteSpace(t.Ja)
            ? throw new PolicyLoadException($"{path}: '{field}' needs both 'en' and 'ja'.")
            : new LocalisedText(t.En, t.Ja);

    private sealed class PurposePolicyFile
    {
        public string? Version { get; set; }

        public int MaxPeriodMonths { get; set; } = 60;

        public List<PurposeFile> Purposes { get; set; } = [];

        public List<ProhibitedUseFile> ProhibitedUses { get; set; } = [];
    }

    private sealed class PurposeFile
    {
        public string? Code { get; set; }

        public TextFile? Name { get; set; }

        public TextFile? Description { get; set; }

        public bool ProtocolRequired { get; set; }

        public bool Commercial { get; set; }
    }

    private sealed class ProhibitedUseFile
    {
        public string? Code { get; set; }

        public TextFile? Name { get; set; }

        public List<string> Phrases { get; set; } = [];
    }

    private sealed class TextFile
    {
        public string? En { get; set; }

        public string? Ja { get; set; }
    }
}
