namespace Gatekeeper.Ingest.Pseudonymisation;

/// <summary>What a dataset key is for; each use has its own key so one leaking does not expose the other.</summary>
public enum KeyUse
{
    /// <summary>HMAC-SHA-256 key of the dataset's pseudonyms (and of the per-permit keys derived from it).</summary>
    Pseudonymisation,

    /// <summary>AES-256-GCM key of raw holder files kept encrypted at rest after import.</summary>
    RawFileEncryption,
}
