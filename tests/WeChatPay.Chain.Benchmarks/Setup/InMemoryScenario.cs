namespace WeChatPay.Chain.Benchmarks.Setup;

/// <summary>
/// Everything an in-process comparison needs: the keys, the response signed once, a clock that accepts it, and
/// contenders whose transport is a <see cref="CannedResponseHandler"/> (one per contender, all answering alike).
/// </summary>
public sealed class InMemoryScenario
{
    /// <summary>A base URI that is never resolved: nothing leaves the process.</summary>
    public static readonly Uri BaseUri = new("https://api.mch.weixin.qq.com/");

    private InMemoryScenario(SignedResponse response, ContenderFactory contenders)
    {
        Response = response;
        Contenders = contenders;
    }

    /// <summary>The pre-signed answer.</summary>
    public SignedResponse Response { get; }

    /// <summary>Builds the baseline and the client over the in-memory transport.</summary>
    public ContenderFactory Contenders { get; }

    /// <summary>Signs the canned response now and wires the clock and the transport to it.</summary>
    public static InMemoryScenario Create()
    {
        var keys = BenchmarkKeys.Shared;
        var response = SignedResponse.Create(keys, SmartRetailOrder.CreatedBody, DateTimeOffset.UtcNow);
        var clock = new FixedClock(response.SignedAt);
        return new InMemoryScenario(response, new ContenderFactory(keys, clock, BaseUri, () => new CannedResponseHandler(response)));
    }
}
