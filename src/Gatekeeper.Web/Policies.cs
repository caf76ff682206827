namespace Gatekeeper.Web;

/// <summary>Authorisation policy names used by pages and endpoints.</summary>
public static class Policies
{
    /// <summary>May create and manage secondary-use applications.</summary>
    public const string Researcher = "researcher";

    /// <summary>Manages people, organisations, roles and accreditations.</summary>
    public const string Admin = "admin";
}
