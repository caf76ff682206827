namespace Gatekeeper.Data.Consent;

/// <summary>For one purpose: how many persons' decision in force is a refusal, and how many a consent.</summary>
public sealed record PurposeConsentCount(string PurposeCode, int Refusing, int Consenting);
