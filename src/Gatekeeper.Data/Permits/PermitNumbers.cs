using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;

namespace Gatekeeper.Data.Permits;

/// <summary>Human permit numbers such as DP-2026-7F3K9Q (Crockford base32; the unique index settles a collision).</summary>
internal static class PermitNumbers
{
    private const string Alphabet = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

    public static async Task<string> NewAsync(GatekeeperDbContext db, DateTimeOffset now, CancellationToken cancellationToken)
    {
        while (true)
        {
            var suffix = string.Create(6, 0, (span, _) =>
            {
                for (var i = 0; i < span.Length; i++) span[i] = Alphabet[RandomNumberGenerator.GetInt32(Alphabet.Length)];
            });
            var number = $"DP-{now.UtcDateTime:yyyy}-{suffix}";
            if (!await db.Permits.AnyAsync(p => p.Number == number, cancellationToken)) return number;
        }
    }
}
