using System.Security.Cryptography;

namespace Gatekeeper.Data.Identity;

/// <summary>System-generated passwords a person must replace at first sign-in (demo accounts, new accounts, resets).</summary>
public static class OneTimePasswords
{
    /// <summary>No look-alike characters (0/O, 1/l/I), so a password read aloud or from a print-out is typed right.</summary>
    private const string Alphabet = "abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";

    /// <summary>16 characters chosen uniformly (about 93 bits).</summary>
    public static string Create() => RandomNumberGenerator.GetString(Alphabet, 16);
}
