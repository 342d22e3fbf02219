namespace WeChatPay.Chain.Benchmarks.Throughput;

/// <summary>How hard and how long the loopback throughput run pushes.</summary>
/// <param name="Callers">Concurrent callers per contender (tasks for the async API, threads for the sync API).</param>
/// <param name="Slot">How long one contender runs in one round.</param>
/// <param name="Warmup">How long each contender runs, unmeasured, before the rounds of each API.</param>
/// <param name="Rounds">How many times the contenders alternate per API.</param>
public sealed record ThroughputSettings(int Callers, TimeSpan Slot, TimeSpan Warmup, int Rounds);
