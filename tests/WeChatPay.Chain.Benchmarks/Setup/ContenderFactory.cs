using WeChatPay.Chain.Benchmarks.Baseline;

namespace WeChatPay.Chain.Benchmarks.Setup;

/// <summary>
/// Builds the baseline and the client with the same keys, the same clock and the same kind of transport, so that
/// every comparison differs only in the code under test.
/// </summary>
/// <param name="keys">The keys both sides use.</param>
/// <param name="clock">The clock both sides read.</param>
/// <param name="baseUri">The API root both sides call.</param>
/// <param name="transport">
/// Makes a fresh transport for each contender (an in-memory handler), or returns null for the network: the client
/// then builds its own default <see cref="SocketsHttpHandler"/>, and the baseline one configured the same way.
/// </param>
public sealed class ContenderFactory(BenchmarkKeys keys, TimeProvider clock, Uri baseUri, Func<HttpMessageHandler?> transport)
{
    /// <summary>The client's options: the cached keys as <see cref="System.Security.Cryptography.RSA"/> objects, the clock and the transport.</summary>
    public ClientOptions Options() => new()
    {
        MchId = BenchmarkKeys.MchId,
        Serial = BenchmarkKeys.MerchantSerial,
        PrivateKey = keys.MerchantKey,
        Certs = new Dictionary<string, object> { [BenchmarkKeys.PlatformKeyId] = keys.PlatformPublicKey },
        BaseUri = baseUri,
        HttpMessageHandler = transport(),
        TimeProvider = clock,
    };

    /// <summary>The hand-written baseline client.</summary>
    public HandWrittenClient HandWritten() => new(transport() ?? new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5) }, baseUri, SmartRetailOrder.Path, BenchmarkKeys.MchId, BenchmarkKeys.MerchantSerial,
        keys.MerchantKey, BenchmarkKeys.PlatformKeyId, keys.PlatformPublicKey, clock);

    /// <summary>The baseline, the typed client and the dynamic face, baseline first; with the HTTP-only reference last when asked.</summary>
    public Contender[] All(bool withReference = false) =>
    [
        new BaselineContender(HandWritten()),
        new TypedContender(Builder.Create(Options())),
        new DynamicContender(Builder.Create(Options())),
        .. withReference ? [new HttpOnlyContender(transport() ?? new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5) }, baseUri)] : Array.Empty<Contender>(),
    ];
}
