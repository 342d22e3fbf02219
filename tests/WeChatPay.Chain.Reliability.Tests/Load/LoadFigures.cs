namespace WeChatPay.Chain.Reliability.Tests.Load;

/// <summary>The size of the load test; docs/reliability.md reports these figures.</summary>
internal static class LoadFigures
{
    /// <summary>Rounds that create orders: each creates <see cref="OrdersPerRound"/> orders at once and queries each.</summary>
    public const int CreateRounds = 4;

    /// <summary>Orders created per round, all at once, each then queried: twice as many calls.</summary>
    public const int OrdersPerRound = 500;

    /// <summary>Per round, creates repeated with the same out_order_no and fields, at the same time: they must not add orders.</summary>
    public const int RepeatedCreatesPerRound = 50;

    /// <summary>
    /// Rounds that only query orders already made, so the simulator's state stays the same size and memory can be
    /// compared round to round; each sends as many calls at once as a create round has in flight.
    /// </summary>
    public const int QueryRounds = 3;

    /// <summary>Calls in flight at once, in every round.</summary>
    public const int InFlight = OrdersPerRound + RepeatedCreatesPerRound;

    /// <summary>Every call the test makes.</summary>
    public const int Calls = CreateRounds * (2 * OrdersPerRound + RepeatedCreatesPerRound) + QueryRounds * InFlight;

    /// <summary>Every order the simulator must hold at the end, no more, no fewer.</summary>
    public const int Orders = CreateRounds * OrdersPerRound;
}
