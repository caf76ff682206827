using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Gatekeeper.Workflows.Guards;

/// <summary>
/// Values of guard variables for one evaluation: facts about the subject (captured when the instance
/// starts; the submitted application is immutable) plus the instance's own (votes, deadline).
/// </summary>
public sealed class GuardFacts
{
    private readonly Dictionary<string, object> _values = new(StringComparer.Ordinal);

    public IReadOnlyDictionary<string, object> Values => _values;

    public GuardFacts Set(string name, bool value) => Put(name, value);

    public GuardFacts Set(string name, decimal value) => Put(name, value);

    public GuardFacts Set(string name, string value) => Put(name, value);

    public GuardFacts Set(string name, IEnumerable<string> values) => Put(name, values.ToArray());

    /// <summary>A copy of these facts with <paramref name="other"/>'s values added (replacing equal names).</summary>
    public GuardFacts Merge(GuardFacts other)
    {
        var merged = new GuardFacts();
        foreach (var (k, v) in _values) merged._values[k] = v;
        foreach (var (k, v) in other._values) merged._values[k] = v;
        return merged;
    }

    internal object Get(string name, GuardType type) =>
        _values.TryGetValue(name, out var value) ? value : type switch
        {
            GuardType.Boolean => false,
            GuardType.Number => 0m,
            GuardType.Text => "",
            _ => Array.Empty<string>(),
        };

    public bool GetBoolean(string name) => (bool)Get(name, GuardType.Boolean);

    public decimal GetNumber(string name) => (decimal)Get(name, GuardType.Number);

    public string GetText(string name) => (string)Get(name, GuardType.Text);

    public string ToJson()
    {
        var o = new JsonObject();
        foreach (var (k, v) in _values.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            o[k] = v switch
            {
                bool b => JsonValue.Create(b),
                decimal d => JsonValue.Create(d),
                string s => JsonValue.Create(s),
                string[] list => new JsonArray(list.Select(x => (JsonNode?)JsonValue.Create(x)).ToArray()),
                _ => throw new InvalidOperationException($"Unsupported fact type {v.GetType()}."),
            };
        }

        return o.ToJsonString();
    }

    public static GuardFacts FromJson(string json)
    {
        var facts = new GuardFacts();
        if (string.IsNullOrWhiteSpace(json)) return facts;
        foreach (var (k, v) in JsonNode.Parse(json)!.AsObject())
        {
            switch (v)
            {
                case JsonArray a:
                    facts.Set(k, a.Select(x => x?.GetValue<string>() ?? ""));
                    break;
                case JsonValue value when value.GetValueKind() is JsonValueKind.True or JsonValueKind.False:
                    facts.Set(k, value.GetValue<bool>());
                    break;
                case JsonValue value when value.GetValueKind() == JsonValueKind.Number:
                    facts.Set(k, decimal.Parse(value.ToJsonString(), NumberStyles.Float, CultureInfo.InvariantCulture));
                    break;
                case JsonValue value:
                    facts.Set(k, value.GetValue<string>());
                    break;
            }
        }

        return facts;
    }

    private GuardFacts Put(string name, object value)
    {
        _values[name] = value;
        return this;
    }
}
