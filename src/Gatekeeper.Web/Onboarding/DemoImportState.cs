namespace Gatekeeper.Web.Onboarding;

public enum DemoImportState
{
    /// <summary>Not configured (no demo seeding, or Gatekeeper:Onboarding:DemoImport=false).</summary>
    Off,

    Waiting,

    Generating,

    Importing,

    Completed,

    /// <summary>An earlier start imported the demo data; nothing was done.</summary>
    AlreadyDone,

    Failed,
}
