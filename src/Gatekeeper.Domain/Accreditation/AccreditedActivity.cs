namespace Gatekeeper.Domain.Accreditation;

/// <summary>What a person needs a valid accreditation for.</summary>
public enum AccreditedActivity
{
    SubmitApplication,
    RunQuery,
    DownloadRelease,
}
