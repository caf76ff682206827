using Microsoft.Extensions.Options;

namespace Gatekeeper.VisitingEnvironment.Sandbox;

/// <summary>Start-up validation of <see cref="VisitingEnvironmentOptions"/>: a bad setting stops the host with a message naming it.</summary>
public sealed class VisitingEnvironmentOptionsValidator : IValidateOptions<VisitingEnvironmentOptions>
{
    public ValidateOptionsResult Validate(string? name, VisitingEnvironmentOptions options)
    {
        var problems = options.Check();
        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }
}
