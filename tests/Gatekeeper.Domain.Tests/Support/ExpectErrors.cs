using Gatekeeper.Domain.Common;

namespace Gatekeeper.Domain.Tests.Support;

/// <summary>Assertions on validation errors that print every error when they fail.</summary>
public static class ExpectErrors
{
    public static ValidationError Has(IEnumerable<ValidationError> errors, string field, string rule)
    {
        var list = errors.ToList();
        var match = list.FirstOrDefault(e => e.Field == field && e.Rule == rule);
        Assert.True(match is not null, $"Expected {field} [{rule}], got: {Describe(list)}");
        return match!;
    }

    public static void HasOnly(IEnumerable<ValidationError> errors, string field, string rule)
    {
        var list = errors.ToList();
        Assert.True(list.Count == 1 && list[0].Field == field && list[0].Rule == rule, $"Expected only {field} [{rule}], got: {Describe(list)}");
    }

    public static void None(IEnumerable<ValidationError> errors)
    {
        var list = errors.ToList();
        Assert.True(list.Count == 0, $"Expected no errors, got: {Describe(list)}");
    }

    public static void NoneOn(IEnumerable<ValidationError> errors, string field)
    {
        var list = errors.Where(e => e.Field == field).ToList();
        Assert.True(list.Count == 0, $"Expected no error on {field}, got: {Describe(list)}");
    }

    public static void Refused(DomainResult result, string field, string rule)
    {
        Assert.False(result.Succeeded, $"Expected {field} [{rule}] but the operation succeeded.");
        Has(result.Errors, field, rule);
    }

    public static void Succeeded(DomainResult result) => Assert.True(result.Succeeded, $"Expected success, got: {result}");

    private static string Describe(IReadOnlyList<ValidationError> errors) =>
        errors.Count == 0 ? "no errors" : string.Join("; ", errors.Select(e => $"{e.Field} [{e.Rule}] {e.Message}"));
}
