namespace WeChatPay.Chain.Benchmarks.ColdStart;

/// <summary>One phase a cold-start child reported.</summary>
/// <param name="Name">What the phase does.</param>
/// <param name="Ms">Wall time.</param>
/// <param name="JitMs">Time the JIT spent compiling during it (all threads).</param>
/// <param name="Methods">Methods compiled during it.</param>
public sealed record Phase(string Name, double Ms, double JitMs, int Methods);

/// <summary>One cold start, as seen from outside and reported from inside.</summary>
/// <param name="TotalMs">From just before <c>Process.Start</c> to reading the child's <c>verified</c> line.</param>
/// <param name="InMainMs">From the child's first statement in <c>Main</c> to its result; the rest is the runtime starting (and the pipe).</param>
/// <param name="JitMs">All JIT time in the child up to its result, startup included.</param>
/// <param name="Methods">All methods the child compiled up to its result.</param>
/// <param name="Phases">The child's phases, in order.</param>
public sealed record ChildRun(double TotalMs, double InMainMs, double JitMs, int Methods, IReadOnlyList<Phase> Phases);
