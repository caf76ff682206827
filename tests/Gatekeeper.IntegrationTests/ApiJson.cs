using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization;
using Gatekeeper.Web.Api;

namespace Gatekeeper.IntegrationTests;

/// <summary>JSON as the API speaks it (web defaults, enums as strings), and helpers to read problems.</summary>
internal static class ApiJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };

    public static async Task<ApplicationDto> ReadApplicationAsync(this HttpResponseMessage response) =>
        (await response.Content.ReadFromJsonAsync<ApplicationDto>(Options))!;

    /// <summary>The (field, rule) pairs of a problem response.</summary>
    public static async Task<IReadOnlyList<(string Field, string Rule)>> ReadErrorsAsync(this HttpResponseMessage response)
    {
        using var doc = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return doc.RootElement.GetProperty("errors").EnumerateArray()
            .Select(e => (e.GetProperty("field").GetString()!, e.GetProperty("rule").GetString()!))
            .ToList();
    }

    public static Task<HttpResponseMessage> PostJsonAsync<T>(this HttpClient client, string url, T body) =>
        client.PostAsJsonAsync(url, body, Options);

    public static Task<HttpResponseMessage> PutJsonAsync<T>(this HttpClient client, string url, T body) =>
        client.PutAsJsonAsync(url, body, Options);
}
