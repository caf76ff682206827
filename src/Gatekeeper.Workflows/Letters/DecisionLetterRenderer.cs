using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Unicode;
using Fluid;
using Gatekeeper.Policies;

namespace Gatekeeper.Workflows.Letters;

/// <summary>
/// Renders decision letters from the Fluid (Liquid) templates <c>decision-letter.{en,ja}.liquid</c> in
/// <c>policies/templates/</c>, HTML-encoding every value. Templates are parsed once at start-up; a
/// template that does not parse stops the application with its file and the parser's message.
/// </summary>
public sealed class DecisionLetterRenderer
{
    public const string TemplateFolderName = "templates";
    public static readonly IReadOnlyList<string> Languages = ["ja", "en"];

    private readonly Dictionary<string, (IFluidTemplate Template, string Sha256)> _templates = new(StringComparer.Ordinal);
    private readonly TemplateOptions _options = new();

    // Encodes what HTML needs (<, >, &, quotes) but leaves Japanese text readable in the page source.
    private static readonly HtmlEncoder Encoder = HtmlEncoder.Create(UnicodeRanges.All);

    public DecisionLetterRenderer(string templateFolder)
    {
        var parser = new FluidParser();
        foreach (var language in Languages)
        {
            var path = Path.Combine(templateFolder, $"decision-letter.{language}.liquid");
            if (!File.Exists(path)) throw new PolicyLoadException($"Decision letter template not found: {path}");
            var bytes = File.ReadAllBytes(path);
            if (!parser.TryParse(Encoding.UTF8.GetString(bytes), out var template, out var error))
                throw new PolicyLoadException($"{path}: {error}");
            _templates[language] = (template, Convert.ToHexStringLower(SHA256.HashData(bytes)));
        }

        foreach (var type in new[] { typeof(DecisionLetterModel), typeof(LetterPermit), typeof(LetterDataset), typeof(LetterVariable), typeof(LetterTeamMember) })
            _options.MemberAccessStrategy.Register(type);
    }

    /// <summary>Renders the letter in <paramref name="language"/> (ja or en; anything else falls back to en).</summary>
    public async Task<DecisionLetter> RenderAsync(DecisionLetterModel model, string language, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var lang = language.StartsWith("ja", StringComparison.OrdinalIgnoreCase) ? "ja" : "en";
        var (template, sha) = _templates[lang];
        var context = new TemplateContext(model, _options);
        context.SetValue("template_sha256", sha);
        var html = await template.RenderAsync(context, Encoder);
        return new DecisionLetter(html, $"decision-{model.Reference}-v{model.Version}.{lang}.html", lang, sha);
    }
}
