using System.Globalization;
using Gatekeeper.Domain.Policies;
using YamlDotNet.RepresentationModel;

namespace Gatekeeper.Workflows.Definitions;

/// <summary>Reads YAML nodes of a definition, collecting every problem with its line instead of stopping at the first.</summary>
internal sealed class YamlMapReader(string file, List<WorkflowDefinitionError> errors)
{
    public void Error(YamlNode? node, string reason) => errors.Add(new WorkflowDefinitionError(file, Line(node), reason));

    public void Error(int line, string reason) => errors.Add(new WorkflowDefinitionError(file, line, reason));

    public static int Line(YamlNode? node) => node is null ? 0 : (int)node.Start.Line;

    /// <summary>The node as a mapping with only known keys, or null (and an error) when it is something else.</summary>
    public YamlMappingNode? Map(YamlNode? node, string what, params string[] keys)
    {
        if (node is not YamlMappingNode map)
        {
            Error(node, $"{what} must be a mapping of keys to values");
            return null;
        }

        foreach (var key in map.Children.Keys)
        {
            var name = (key as YamlScalarNode)?.Value;
            if (name is null || !keys.Contains(name))
                Error(key, $"unknown key '{name}' in {what} (known: {string.Join(", ", keys)})");
        }

        return map;
    }

    public static YamlNode? Child(YamlMappingNode? map, string key) =>
        map is not null && map.Children.TryGetValue(new YamlScalarNode(key), out var value) ? value : null;

    public string? Text(YamlMappingNode? map, string key, string what, bool required = false)
    {
        var node = Child(map, key);
        if (node is null)
        {
            if (required) Error(map, $"{what} needs '{key}'");
            return null;
        }

        if (node is YamlScalarNode { Value: { Length: > 0 } value }) return value.Trim();
        Error(node, $"'{key}' of {what} must be a text");
        return null;
    }

    public int? Int(YamlMappingNode? map, string key, string what, int min, int max)
    {
        var text = Text(map, key, what);
        if (text is null) return null;
        if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value >= min && value <= max) return value;
        Error(Child(map, key), $"'{key}' of {what} must be a whole number from {min} to {max}, not '{text}'");
        return null;
    }

    public bool Bool(YamlMappingNode? map, string key, string what)
    {
        var text = Text(map, key, what);
        if (text is null) return false;
        if (text is "true" or "false") return text == "true";
        Error(Child(map, key), $"'{key}' of {what} must be true or false, not '{text}'");
        return false;
    }

    public IsoDuration? Duration(YamlMappingNode? map, string key, string what, bool required = false)
    {
        var text = Text(map, key, what, required);
        return text is null ? null : Duration(Child(map, key)!, text, what);
    }

    public IsoDuration? Duration(YamlNode node, string text, string what)
    {
        if (IsoDuration.TryParse(text, out var duration)) return duration;
        Error(node, $"'{text}' in {what} is not an ISO 8601 duration such as P3M, P14D or PT12H");
        return null;
    }

    /// <summary>A sequence of texts (a single text is accepted as a list of one).</summary>
    public List<(string Value, YamlNode Node)> Texts(YamlMappingNode? map, string key, string what)
    {
        var node = Child(map, key);
        switch (node)
        {
            case null:
                return [];
            case YamlScalarNode { Value: { Length: > 0 } single }:
                return [(single.Trim(), node)];
            case YamlSequenceNode seq:
                var list = new List<(string, YamlNode)>();
                foreach (var item in seq.Children)
                {
                    if (item is YamlScalarNode { Value: { Length: > 0 } v }) list.Add((v.Trim(), item));
                    else Error(item, $"'{key}' of {what} must list texts");
                }

                return list;
            default:
                Error(node, $"'{key}' of {what} must be a list of texts");
                return [];
        }
    }

    public LocalisedText? Localised(YamlMappingNode? map, string key, string what)
    {
        var node = Child(map, key);
        if (node is null) return null;
        var text = Map(node, $"'{key}' of {what}", "en", "ja");
        var en = Text(text, "en", $"'{key}' of {what}", required: true);
        var ja = Text(text, "ja", $"'{key}' of {what}", required: true);
        return en is null || ja is null ? null : new LocalisedText(en, ja);
    }
}
