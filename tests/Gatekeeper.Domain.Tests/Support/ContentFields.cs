using Gatekeeper.Domain.Applications;

namespace Gatekeeper.Domain.Tests.Support;

/// <summary>The free-text fields of an application by their error path, with their limits and a way to set them.</summary>
public static class ContentFields
{
    public sealed record TextField(string Path, int MaxLength, bool RequiredForSubmission, Func<ApplicationContent, string, ApplicationContent> Set);

    public static IReadOnlyList<TextField> All { get; } =
    [
        new("title", ApplicationLimits.Title, true, (c, v) => c with { Title = v }),
        new("laySummary", ApplicationLimits.LaySummary, true, (c, v) => c with { LaySummary = v }),
        new("scientificAbstract", ApplicationLimits.ScientificAbstract, true, (c, v) => c with { ScientificAbstract = v }),
        new("purposeDescription", ApplicationLimits.PurposeDescription, true, (c, v) => c with { PurposeDescription = v }),
        new("safeguards", ApplicationLimits.Safeguards, true, (c, v) => c with { Safeguards = v }),
        new("ethicsApprovalReference", ApplicationLimits.EthicsApprovalReference, false, (c, v) => c with { EthicsApprovalReference = v }),
        new("team[0].name", ApplicationLimits.PersonName, true, (c, v) => c.WithFirstMember(m => m with { Name = v })),
        new("team[0].email", ApplicationLimits.Email, true, (c, v) => c.WithFirstMember(m => m with { Email = v })),
        new("team[0].organisation", ApplicationLimits.Organisation, true, (c, v) => c.WithFirstMember(m => m with { Organisation = v })),
        new("team[0].projectRole", ApplicationLimits.ProjectRole, false, (c, v) => c.WithFirstMember(m => m with { ProjectRole = v })),
        new("datasets[0].variables[0].justification", ApplicationLimits.Justification, false, (c, v) => c.WithFirstVariable(x => x with { Justification = v })),
    ];

    public static TextField Named(string path) => All.Single(f => f.Path == path);

    public static TheoryData<string> Paths() => new(All.Select(f => f.Path));

    public static TheoryData<string> RequiredPaths() => new(All.Where(f => f.RequiredForSubmission).Select(f => f.Path));
}
