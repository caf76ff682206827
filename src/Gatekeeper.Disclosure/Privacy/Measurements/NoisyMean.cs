namespace Gatekeeper.Disclosure.Privacy.Measurements;

/// <summary>
/// A mean released as noisy sum / noisy count. <see cref="Low"/>..<see cref="High"/> covers the
/// (bounded) mean whenever both noises stay within their half-widths, each taken at half the miss rate,
/// so with at least the stated confidence; null when the noisy count is too small to bound the ratio.
/// </summary>
public sealed record NoisyMean(NoisyValue Sum, NoisyValue Count, double? Value, double? Low, double? High, double Confidence);
