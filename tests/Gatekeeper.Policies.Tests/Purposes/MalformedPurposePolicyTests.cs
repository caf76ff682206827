using Gatekeeper.Policies.Purposes;

namespace Gatekeeper.Policies.Tests.Purposes;

/// <summary>A malformed policy stops loading with a message that names the file (and the line, for YAML errors).</summary>
public sealed class MalformedPurposePolicyTests : IDisposable
{
    private const string Education = """
          - code: education
            name: { en: "Education", ja: "教育" }
            description: { en: "Teaching.", ja: "教育・研修。" }
        """;

    private readonly PolicyFiles _files = new();

    [Fact]
    public void A_missing_file_is_refused_naming_it()
    {
        var path = Path.Combine(Path.GetTempPath(), "gatekeeper-policy-tests", "nowhere", "purposes.yaml");

        var error = Assert.Throws<PolicyLoadException>(() => PurposePolicyLoader.Load(path));

        Assert.Contains(path, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_empty_file_is_refused_naming_it()
    {
        var path = _files.Write("");

        var error = Assert.Throws<PolicyLoadException>(() => PurposePolicyLoader.Load(path));

        Assert.Contains(path, error.Message, StringComparison.Ordinal);
        Assert.Contains("empty", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_policy_without_a_version_is_refused()
    {
        var path = _files.Write("purposes:\n" + Education);

        var error = Assert.Throws<PolicyLoadException>(() => PurposePolicyLoader.Load(path));

        Assert.Equal($"{path}: 'version' is required.", error.Message);
    }

    [Fact]
    public void A_policy_without_purposes_is_refused()
    {
        var path = _files.Write("version: \"1\"\npurposes: []\n");

        var error = Assert.Throws<PolicyLoadException>(() => PurposePolicyLoader.Load(path));

        Assert.StartsWith(path, error.Message, StringComparison.Ordinal);
        Assert.Contains("at least one purpose", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_purpose_code_listed_twice_is_refused_naming_the_code()
    {
        var path = _files.Write("version: \"1\"\npurposes:\n" + Education + "\n" + Education);

        var error = Assert.Throws<PolicyLoadException>(() => PurposePolicyLoader.Load(path));

        Assert.StartsWith(path, error.Message, StringComparison.Ordinal);
        Assert.Contains("'education' appears twice", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_prohibited_use_code_listed_twice_is_refused_naming_the_code()
    {
        var path = _files.Write("version: \"1\"\npurposes:\n" + Education + """

            prohibited_uses:
              - code: re-identification
                name: { en: "Re-identification", ja: "再識別" }
                phrases: ["re-identify"]
              - code: re-identification
                name: { en: "Re-identification again", ja: "再識別" }
                phrases: ["再識別"]
            """);

        var error = Assert.Throws<PolicyLoadException>(() => PurposePolicyLoader.Load(path));

        Assert.StartsWith(path, error.Message, StringComparison.Ordinal);
        Assert.Contains("'re-identification'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_purpose_without_a_code_is_refused()
    {
        var path = _files.Write("""
            version: "1"
            purposes:
              - name: { en: "Education", ja: "教育" }
                description: { en: "Teaching.", ja: "教育・研修。" }
            """);

        var error = Assert.Throws<PolicyLoadException>(() => PurposePolicyLoader.Load(path));

        Assert.Equal($"{path}: 'purposes[].code' is required.", error.Message);
    }

    [Theory]
    [InlineData("name: { en: \"Education\" }", "purposes[education].name")]
    [InlineData("name: { ja: \"教育\" }", "purposes[education].name")]
    [InlineData("name: { en: \"Education\", ja: \"  \" }", "purposes[education].name")]
    [InlineData("name: \"Education\"", null)]
    public void A_purpose_name_without_both_English_and_Japanese_is_refused(string nameLine, string? field)
    {
        var path = _files.Write($"""
            version: "1"
            purposes:
              - code: education
                {nameLine}
                description: {"{"} en: "Teaching.", ja: "教育・研修。" {"}"}
            """);

        var error = Assert.Throws<PolicyLoadException>(() => PurposePolicyLoader.Load(path));

        Assert.StartsWith(path, error.Message, StringComparison.Ordinal);
        if (field is not null) Assert.Contains($"'{field}' needs both 'en' and 'ja'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_purpose_description_without_Japanese_is_refused()
    {
        var path = _files.Write("""
            version: "1"
            purposes:
              - code: education
                name: { en: "Education", ja: "教育" }
                description: { en: "Teaching." }
            """);

        var error = Assert.Throws<PolicyLoadException>(() => PurposePolicyLoader.Load(path));

        Assert.Equal($"{path}: 'purposes[education].description' needs both 'en' and 'ja'.", error.Message);
    }

    [Fact]
    public void A_prohibited_use_name_without_English_is_refused()
    {
        var path = _files.Write("version: \"1\"\npurposes:\n" + Education + """

            prohibited_uses:
              - code: re-identification
                name: { ja: "再識別" }
                phrases: ["re-identify"]
            """);

        var error = Assert.Throws<PolicyLoadException>(() => PurposePolicyLoader.Load(path));

        Assert.Equal($"{path}: 'prohibited_uses[re-identification].name' needs both 'en' and 'ja'.", error.Message);
    }

    [Fact]
    public void Invalid_YAML_is_refused_naming_the_file_and_the_line()
    {
        var path = _files.Write("""
            version: "1"
            purposes:
              - code: education
                name: { en: "Education", ja: "教育"
                description: { en: "Teaching.", ja: "教育・研修。" }
            """);

        var error = Assert.Throws<PolicyLoadException>(() => PurposePolicyLoader.Load(path));

        Assert.Matches($"^{System.Text.RegularExpressions.Regex.Escape(path)}:[45]: ", error.Message);
    }

    [Fact]
    public void A_misspelt_key_is_refused_naming_the_file_and_its_line()
    {
        var path = _files.Write("""
            version: "1"
            max_period_month: 24
            purposes:
            """ + "\n" + Education);

        var error = Assert.Throws<PolicyLoadException>(() => PurposePolicyLoader.Load(path));

        Assert.StartsWith($"{path}:2: ", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_value_of_the_wrong_type_is_refused_naming_the_file_and_its_line()
    {
        var path = _files.Write("version: \"1\"\nmax_period_months: forever\npurposes:\n" + Education);

        var error = Assert.Throws<PolicyLoadException>(() => PurposePolicyLoader.Load(path));

        Assert.StartsWith($"{path}:2: ", error.Message, StringComparison.Ordinal);
    }

    public void Dispose() => _files.Dispose();
}
