using System.Globalization;
using System.Text.RegularExpressions;
using Gatekeeper.Domain.Applications;
using Gatekeeper.Domain.Common;
using Gatekeeper.Domain.Policies;
using Gatekeeper.Web.Localization;
using Microsoft.Extensions.Localization;

namespace Gatekeeper.Web.Components.Shared;

/// <summary>
/// Turns the domain's validation errors into localised text. Messages are looked up by rule code
/// (<c>Rule.{rule}.{field kind}</c>, then <c>Rule.{rule}</c>) with the rule's arguments as <c>{0}</c>, <c>{1}</c>;
/// an unknown rule falls back to the domain's English message, so nothing is ever shown blank.
/// </summary>
public sealed partial class ValidationMessages(IStringLocalizer<SharedResource> localizer, PurposePolicy policy)
{
    /// <summary>Which named arguments each rule's resource string takes, in order.</summary>
    private static readonly Dictionary<string, string[]> ArgumentOrder = new(StringComparer.Ordinal)
    {
        ["max-length"] = ["max", "actual"],
        ["max-count"] = ["max"],
        ["min-length"] = ["min", "value"],
        ["unknown-purpose"] = ["value"],
        ["prohibited-use"] = ["use", "phrase"],
        ["tier-requires-certified-operator"] = ["organisation"],
        ["period-too-long"] = ["maxMonths"],
        ["email"] = ["value"],
        ["duplicate"] = ["value"],
        ["unknown-dataset"] = ["value"],
        ["unknown-variable"] = ["value", "dataset"],
        ["direct-identifier"] = ["value"],
        ["justification-required"] = ["value"],
        ["protocol-required"] = ["purpose"],
        ["file-size"] = ["max"],
        ["file-type"] = ["value"],
        ["unknown-role"] = ["value"],
        ["too-long"] = ["max"],
    };

    public string Message(ValidationError error)
    {
        var arguments = Arguments(error);
        foreach (var key in new[] { $"Rule.{error.Rule}.{FieldKind(error.Field)}", $"Rule.{error.Rule}" })
        {
            var text = localizer[key, arguments];
            if (!text.ResourceNotFound) return text.Value;
        }

        return error.Message;
    }

    /// <summary>A person's name for a field path, e.g. "Team member 2 · E-mail" for <c>team[1].email</c>.</summary>
    public string FieldLabel(string field, ApplicationContent? content = null)
    {
        var label = localizer[$"Field.{FieldKind(field)}"];
        var text = label.ResourceNotFound ? field : label.Value;
        var indices = Indices(field);
        if (field.StartsWith("team[", StringComparison.Ordinal) && indices.Count > 0)
            return $"{localizer["Field.TeamMemberN", indices[0] + 1]} · {text}";
        if (field.StartsWith("datasets[", StringComparison.Ordinal) && indices.Count > 1 && content is not null
            && indices[0] < content.Datasets.Count && indices[1] < content.Datasets[indices[0]].Variables.Count)
        {
            var variable = content.Datasets[indices[0]].Variables[indices[1]];
            return $"{variable.Table}.{variable.Name} · {text}";
        }

        return text;
    }

    /// <summary>The field path without indices: <c>team[0].email</c> → <c>team.email</c>.</summary>
    public static string FieldKind(string field) => IndexPattern().Replace(field, "");

    private object[] Arguments(ValidationError error)
    {
        if (!ArgumentOrder.TryGetValue(error.Rule, out var names)) return [];
        return names.Select(name => (object)Argument(error, name)).ToArray();
    }

    private string Argument(ValidationError error, string name)
    {
        var value = error.Args.GetValueOrDefault(name) ?? "";
        return (error.Rule, name) switch
        {
            ("prohibited-use", "use") => policy.ProhibitedUses.FirstOrDefault(u => u.Code == value) is { } use ? Localised.Text(use.Name) : value,
            ("protocol-required", "purpose") => Localised.Purpose(policy, value),
            ("file-size", "max") => long.TryParse(value, CultureInfo.InvariantCulture, out var bytes)
                ? (bytes / (1024 * 1024)).ToString(CultureInfo.CurrentCulture)
                : value,
            _ => value,
        };
    }

    private static List<int> Indices(string field) =>
        IndexPattern().Matches(field).Select(m => int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture)).ToList();

    [GeneratedRegex(@"\[(\d+)\]")]
    private static partial Regex IndexPattern();
}
