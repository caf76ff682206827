namespace Gatekeeper.Domain.Applications;

/// <summary>Length and count limits of application fields, shared by forms, API and rules.</summary>
public static class ApplicationLimits
{
    public const int Title = 200;
    public const int LaySummary = 2000;
    public const int ScientificAbstract = 5000;
    public const int PurposeDescription = 4000;
    public const int Safeguards = 4000;
    public const int EthicsApprovalReference = 100;
    public const int PersonName = 200;
    public const int Email = 254;
    public const int Organisation = 200;
    public const int ProjectRole = 100;
    public const int Justification = 1000;
    public const int MinJustification = 10;
    public const int TeamMembers = 50;
    public const int Datasets = 20;
    public const int VariablesPerDataset = 300;
    public const int Reason = 2000;
}
