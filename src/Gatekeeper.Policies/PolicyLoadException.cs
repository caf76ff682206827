namespace Gatekeeper.Policies;

/// <summary>A policy file is missing or malformed; the message names the file and the problem.</summary>
public sealed class PolicyLoadException(string message, Exception? inner = null) : Exception(message, inner);
