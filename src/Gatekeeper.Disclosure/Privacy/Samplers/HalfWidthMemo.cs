using System.Numerics;

namespace Gatekeeper.Disclosure.Privacy.Samplers;

/// <summary>The last half-width asked of a distribution (every cell of a release asks the same one); replaced whole, so safe to share.</summary>
internal sealed record HalfWidthMemo(double Alpha, BigInteger HalfWidth);
