namespace Gatekeeper.Ingest.Pseudonymisation;

/// <summary>What happens to a holder's raw file (which carries direct identifiers) once it is imported.</summary>
public enum RawFilePolicy
{
    /// <summary>Left where it is: for a holder's own copy given on the command line.</summary>
    Keep,

    /// <summary>Deleted after a committed import.</summary>
    Delete,

    /// <summary>Encrypted with AES-256-GCM under the dataset's raw-file key into <c>raw/&lt;dataset&gt;/</c>, then deleted.</summary>
    Encrypt,
}
