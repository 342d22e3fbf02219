namespace WeChatPay.Chain.Benchmarks.Throughput;

/// <summary>One contender's turn under load: its rate and every call's latency.</summary>
/// <param name="CallsPerSecond">Completed calls divided by the turn's wall time.</param>
/// <param name="CpuMicrosPerCall">Processor time of the whole process (the clients and the in-process server) per call.</param>
/// <param name="LatenciesMs">Each call's latency in milliseconds, in no order.</param>
public sealed record SlotResult(double CallsPerSecond, double CpuMicrosPerCall, double[] LatenciesMs);
