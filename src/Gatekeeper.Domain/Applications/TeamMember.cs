namespace Gatekeeper.Domain.Applications;

/// <summary>A named person who will work with the data under the permit.</summary>
public sealed record TeamMember
{
    public string Name { get; init; } = "";

    public string Email { get; init; } = "";

    public string Organisation { get; init; } = "";

    /// <summary>Role in the project, e.g. principal investigator, analyst.</summary>
    public string ProjectRole { get; init; } = "";
}
