using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using YamlDotNet.Core;
using YamlDotNet.Serialization;
using YamlDotNet.Serialization.NamingConventions;

namespace Gatekeeper.Ingest.Pseudonymisation;

/// <summary>Reads <c>policies/ingest/coarsening.yaml</c>; a bad file stops the import with a message naming the setting.</summary>
public static class CoarseningPolicyLoader
{
    public const string RelativePath = "ingest/coarsening.yaml";

    public static CoarseningPolicy Load(string path)
    {
        if (!File.Exists(path)) throw new InvalidDataException($"Coarsening policy not found: {path}");
        var bytes = File.ReadAllBytes(path);
        PolicyFile file;
        try
        {
            file = new DeserializerBuilder().WithNamingConvention(UnderscoredNamingConvention.Instance).Build()
                       .Deserialize<PolicyFile>(Encoding.UTF8.GetString(bytes))
                   ?? throw new InvalidDataException($"{path}: the file is empty.");
        }
        catch (YamlException ex)
        {
            throw new InvalidDataException($"{path}:{ex.Start.Line}: {ex.Message}", ex);
        }

        if (string.IsNullOrWhiteSpace(file.Version)) throw new InvalidDataException($"{path}: 'version' is required.");
        var birth = file.BirthYearMonth ?? throw new InvalidDataException($"{path}: 'birth_year_month' is required.");
        var mode = birth.Mode switch
        {
            "birth_year" => BirthCoarsening.BirthYear,
            "age_band" => BirthCoarsening.AgeBand,
            _ => throw new InvalidDataException($"{path}: 'birth_year_month.mode' must be birth_year or age_band, not '{birth.Mode}'."),
        };
        if (birth.BandYears is < 1 or > 20) throw new InvalidDataException($"{path}: 'birth_year_month.band_years' must be 1 to 20.");
        if (!DateOnly.TryParseExact(birth.ReferenceDate, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var reference))
        {
            throw new InvalidDataException($"{path}: 'birth_year_month.reference_date' must be yyyy-MM-dd.");
        }

        var residence = file.Residence?.Level switch
        {
            "prefecture" => ResidenceCoarsening.Prefecture,
            "remove" => ResidenceCoarsening.Remove,
            _ => throw new InvalidDataException($"{path}: 'residence.level' must be prefecture or remove."),
        };

        return new CoarseningPolicy
        {
            Version = file.Version,
            Birth = mode,
            AgeBandYears = birth.BandYears,
            TopAgeBandFrom = birth.TopBandFrom,
            ReferenceDate = reference,
            Residence = residence,
            Sha256 = Convert.ToHexStringLower(SHA256.HashData(bytes)),
        };
    }

    private sealed class PolicyFile
    {
        public string? Version { get; set; }

        public BirthFile? BirthYearMonth { get; set; }

        public ResidenceFile? Residence { get; set; }
    }

    private sealed class BirthFile
    {
        public string? Mode { get; set; }

        public int BandYears { get; set; } = 5;

        public int TopBandFrom { get; set; } = 85;

        public string? ReferenceDate { get; set; }
    }

    private sealed class ResidenceFile
    {
        public string? Level { get; set; }
    }
}
