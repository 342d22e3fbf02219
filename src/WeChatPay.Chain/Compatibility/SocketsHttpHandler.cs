namespace WeChatPay.Chain.Compatibility;

/// <summary>
/// Stands in for .NET 10's <c>SocketsHttpHandler</c>, which netstandard2.0 lacks: an <see cref="HttpClientHandler"/>, whose
/// connections live as the platform decides, so <see cref="PooledConnectionLifetime"/> is kept but has no effect.
/// </summary>
internal sealed class SocketsHttpHandler : HttpClientHandler
{
    /// <summary>Accepted for the same code on both builds; an <see cref="HttpClientHandler"/> has no such setting.</summary>
    public TimeSpan PooledConnectionLifetime { get; set; }
}
