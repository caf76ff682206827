using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Gatekeeper.Data.Workflows;

/// <summary>Stores one value record (e.g. an ELSI checklist) as a JSON text column, compared by content.</summary>
internal static class JsonValueColumn
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };

    public static PropertyBuilder<T> HasJsonValueConversion<T>(this PropertyBuilder<T> property) where T : class, new()
    {
        var comparer = new ValueComparer<T>(
            (a, b) => Serialize(a) == Serialize(b),
            v => Serialize(v).GetHashCode(StringComparison.Ordinal),
            v => Deserialize<T>(Serialize(v)));
        property.HasConversion(v => Serialize(v), v => Deserialize<T>(v), comparer);
        return property;
    }

    private static string Serialize<T>(T? value) where T : class, new() => JsonSerializer.Serialize(value ?? new T(), Options);

    private static T Deserialize<T>(string json) where T : class, new() => JsonSerializer.Deserialize<T>(json, Options) ?? new T();
}
